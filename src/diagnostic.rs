//! Diagnostics: what a rule reports, where, and in which words.

use serde::Serialize;

/// How bad a finding is (RULES.md: error, warning, info).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn as_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A place in a text file: 1-based lines, 1-based columns counted in Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A range in a text file; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Range {
    pub start: Pos,
    pub end: Pos,
}

impl Range {
    pub fn point(line: usize, column: usize) -> Range {
        let p = Pos { line, column };
        Range {
            start: p,
            end: Pos {
                line,
                column: column + 1,
            },
        }
    }
    /// The text of line number `line`, whose text is `text`: from its first non-blank
    /// character to its last.
    pub fn line_text(text: &str, line: usize) -> Range {
        let indent = text.chars().take_while(|c| c.is_whitespace()).count();
        let len = text.trim_end().chars().count();
        Range {
            start: Pos {
                line,
                column: indent + 1,
            },
            end: Pos {
                line,
                column: len.max(indent + 1) + 1,
            },
        }
    }
    /// The whole of line `line`, for findings about a line rather than a token.
    pub fn line(line: usize, chars: usize) -> Range {
        Range {
            start: Pos { line, column: 1 },
            end: Pos {
                line,
                column: chars.max(1) + 1,
            },
        }
    }
}

/// A text in English and Chinese (zh-CN).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }
    /// What `text!` calls: formatting in one place rather than two `format!`s inlined at each
    /// of its hundreds of call sites (the page's wasm).
    #[inline(never)]
    pub fn format(en: std::fmt::Arguments, zh: std::fmt::Arguments) -> Text {
        Text {
            en: std::fmt::format(en),
            zh: std::fmt::format(zh),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The language a human reads the output in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "cn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// One finding. `file` is the path inside the input; `range` is absent only where no place exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub chart: Option<String>,
    pub file: Option<String>,
    pub range: Option<Range>,
    pub message: Text,
    pub help: Option<Text>,
    /// Silenced by an inline suppression, with its reason (empty when it gave none): still
    /// reported, not counted (see the rules' `suppress` module).
    pub suppressed: Option<String>,
    /// Silenced by the baseline (`--baseline`), not by a comment: `suppressed` holds why.
    pub baselined: bool,
    /// The severity the rule gave, when a `.ecplint.yaml` changed it.
    pub configured: Option<Configured>,
}

/// A severity a `.ecplint.yaml` changed: the rule's, and the file that changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Configured {
    pub severity: Severity,
    pub by: String,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, message: Text) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            chart: None,
            file: None,
            range: None,
            message,
            help: None,
            suppressed: None,
            baselined: false,
            configured: None,
        }
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn at(mut self, range: Range) -> Self {
        self.range = Some(range);
        self
    }
    pub fn at_opt(mut self, range: Option<Range>) -> Self {
        self.range = range;
        self
    }
    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }
    pub fn for_chart(mut self, chart: impl Into<String>) -> Self {
        self.chart = Some(chart.into());
        self
    }
}

/// Build a [`Text`] from an English and a Chinese format string (inline `{name}` captures work).
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::diagnostic::Text::format(format_args!($en), format_args!($zh))
    };
    ($en:literal, $zh:literal, $($arg:tt)*) => {
        $crate::diagnostic::Text::format(format_args!($en, $($arg)*), format_args!($zh, $($arg)*))
    };
}
