//! Reflection: `typeOf`, `typeIs`, `typeIsLike`, `kindOf`, `kindIs`, `deepEqual`.
//!
//! Type names are Go's as far as our values tell them: every list is `[]interface {}` here
//! (Sprig's `splitList` gives `[]string` in Go), every map `map[string]interface {}` (`split`
//! gives `map[string]string` in Go).

use super::{arity, deep_equal, string_arg, Plain};
use crate::value::Value;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("typeOf", |a| {
        arity("typeOf", a, 1)?;
        Ok(Value::from(a[0].type_name()))
    });
    funcs.add("kindOf", |a| {
        arity("kindOf", a, 1)?;
        Ok(Value::str(a[0].kind_name()))
    });
    funcs.add("typeIs", |a| {
        arity("typeIs", a, 2)?;
        Ok(Value::Bool(*string_arg(a, 0)? == a[1].type_name()))
    });
    funcs.add("typeIsLike", |a| {
        arity("typeIsLike", a, 2)?;
        let target = string_arg(a, 0)?;
        let actual = a[1].type_name();
        Ok(Value::Bool(
            *target == actual || format!("*{target}") == actual,
        ))
    });
    funcs.add("kindIs", |a| {
        arity("kindIs", a, 2)?;
        Ok(Value::Bool(*string_arg(a, 0)? == *a[1].kind_name()))
    });
    funcs.add("deepEqual", |a| {
        arity("deepEqual", a, 2)?;
        Ok(Value::Bool(deep_equal(&a[0], &a[1])))
    });
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;
    use crate::value::Value;

    // Observed with helm 3.17.3.
    #[test]
    fn types_and_kinds() {
        assert_eq!(call("typeOf", vec![i(1)]), "int");
        assert_eq!(call("typeOf", vec![Value::Float(1.5)]), "float64");
        assert_eq!(call("typeOf", vec![Value::Nil]), "<nil>");
        assert_eq!(call("typeOf", vec![m(&[])]), "map[string]interface {}");
        assert_eq!(call("typeOf", vec![Value::int64(1)]), "int64");
        assert_eq!(call("kindOf", vec![i(1)]), "int");
        assert_eq!(call("kindOf", vec![Value::Nil]), "invalid");
        assert_eq!(call("kindOf", vec![l(vec![])]), "slice");
        assert_eq!(call("typeIs", vec![s("int"), i(1)]), "true");
        assert_eq!(call("kindIs", vec![s("map"), m(&[])]), "true");
        assert_eq!(
            call("deepEqual", vec![l(vec![i(1)]), l(vec![i(1)])]),
            "true"
        );
        assert_eq!(call("deepEqual", vec![i(1), Value::int64(1)]), "false");
    }
}
