//! `ecplint preview`: one standalone HTML file per role and language.

use std::process::Command;

fn ecplint(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn writes_one_standalone_file() {
    let dir = std::env::temp_dir().join(format!("ecplint-preview-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("nav.html");
    let (code, _, err) = ecplint(&[
        "preview",
        "tests/fixtures/nav-preview",
        "--role",
        "cloud_admin",
        "--lang",
        "zh-cn",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<style>") && html.contains("Content-Security-Policy"));
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    assert!(html.contains("ecp-pic-missing"));
    assert!(html.contains("监控访问控制")); // cloud_admin only, Chinese
                                            // standalone: no script, no link, nothing loaded from elsewhere
    for bad in ["<script", "<link", "href=", "src=\"http", "src=\"/", "url("] {
        assert!(!html.contains(bad), "{bad}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn member_on_stdout_sees_less() {
    let (code, html, _) = ecplint(&["preview", "tests/fixtures/nav-preview", "--role", "member"]);
    assert_eq!(code, 0);
    assert!(html.contains("data-view=\"member\""));
    assert!(html.contains("Alarm history"));
    assert!(!html.contains("Alarm rules"));
    assert!(!html.contains("Monitoring access"));
}

#[test]
fn wrong_calls_exit_2() {
    assert_eq!(ecplint(&["preview"]).0, 2);
    let (code, _, err) = ecplint(&["preview", "x", "--role", "root"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown role `root`"));
    let (code, _, _) = ecplint(&["preview", "tests/fixtures/no-such-thing"]);
    assert_eq!(code, 2);
}
