//! Checker tests: accepted programs and Go's error positions.

use super::check_program;

/// Runs the checker over the corpus (throwaway diagnostics; `--ignored`).
#[test]
#[ignore]
fn corpus_scan() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut bad = 0;
    for dir in ["tests/programs", "/work/shared/bench"] {
        let d = if dir.starts_with('/') {
            dir.to_string()
        } else {
            format!("{root}/{dir}")
        };
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for p in files {
            if p.extension().is_none_or(|e| e != "go") || p.ends_with("go_spawn.go") {
                continue;
            }
            let src = std::fs::read_to_string(&p).unwrap();
            if let Err(e) = check_program("x.go", &src) {
                bad += 1;
                println!(
                    "ACCEPT FAIL {}: {}",
                    p.display(),
                    crate::diag::render("x.go", &src, &e[..1])
                );
            }
        }
    }
    let d = format!("{root}/tests/reject");
    let mut files: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files {
        if p.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let exp = std::fs::read_to_string(p.with_extension("err")).unwrap();
        let want = exp.lines().next().unwrap().trim().to_string();
        match check_program("x.go", &src) {
            Ok(_) => {
                bad += 1;
                println!(
                    "REJECT FAIL (accepted) {}: want {want} {}",
                    p.display(),
                    exp.lines().nth(1).unwrap_or("")
                );
            }
            Err(e) => {
                let got = format!("{}:{}", e[0].pos.line, e[0].pos.col);
                if got != want {
                    bad += 1;
                    println!(
                        "REJECT POS {}: want {want} ({}) got {got}: {}",
                        p.display(),
                        exp.lines().nth(1).unwrap_or(""),
                        e[0].message
                    );
                }
            }
        }
    }
    println!("{bad} failures");
}

/// Compares first-error positions with Go's, for `$MS_DIFF_DIR/*.go` with `*.goerr` beside
/// (throwaway diagnostics; `--ignored`).
#[test]
#[ignore]
fn diff_scan() {
    let Ok(d) = std::env::var("MS_DIFF_DIR") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut bad = 0;
    for p in files {
        if p.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let src = std::fs::read(&p).unwrap();
        let want = std::fs::read_to_string(p.with_extension("goerr")).unwrap_or_default();
        let want_pos = want
            .lines()
            .next()
            .map(|l| l.split(':').skip(1).take(2).collect::<Vec<_>>().join(":"))
            .unwrap_or_default();
        let got = super::check_bytes(&src);
        let got_s = match &got {
            Ok(_) => String::new(),
            Err(e) => format!("{}:{}", e[0].pos.line, e[0].pos.col),
        };
        if got_s != want_pos {
            bad += 1;
            let msg = got.err().map(|e| e[0].message.clone()).unwrap_or_default();
            println!(
                "DIFF {}: go `{}` ours `{got_s}` {msg}",
                p.display(),
                want.lines().next().unwrap_or("")
            );
        }
    }
    println!("{bad} differences");
}

/// Runs the corpus end to end through the code generator (throwaway; `--ignored`).
#[test]
#[ignore]
fn corpus_run() {
    let root = env!("CARGO_MANIFEST_DIR");
    let d = std::env::var("MS_RUN_DIR").unwrap_or(format!("{root}/tests/programs"));
    let mut files: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let filter = std::env::var("MS_FILTER").unwrap_or_default();
    let (mut ok, mut bad) = (0, 0);
    for p in files {
        if p.extension().is_none_or(|e| e != "go") || !p.to_string_lossy().contains(&filter) {
            continue;
        }
        if p.to_string_lossy().contains("overflow") || p.to_string_lossy().contains("1m") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let want = std::fs::read_to_string(p.with_extension("out"))
            .or_else(|_| std::fs::read_to_string(p.with_extension("want")))
            .unwrap_or_default();
        let prog = match check_program("x.go", &src) {
            Ok(p) => p,
            Err(e) => {
                println!(
                    "CHECK {}: {}",
                    p.display(),
                    crate::diag::render("x.go", &src, &e)
                );
                continue;
            }
        };
        let c = match crate::compile_program(&prog, &crate::CompileOptions::default()) {
            Ok(c) => c,
            Err(e) => {
                bad += 1;
                println!("CODEGEN {}: {:?}", p.display(), e);
                continue;
            }
        };
        let cfg = crate::StackConfig {
            strategy: crate::Strategy::Fixed,
            stack_max: 256 << 20,
        };
        let mut out = Vec::new();
        let _ = c.run_main(&cfg, &mut out);
        if String::from_utf8_lossy(&out) != want {
            bad += 1;
            println!(
                "OUTPUT {}:\n--- got\n{}\n--- want\n{}",
                p.display(),
                String::from_utf8_lossy(&out),
                want
            );
        } else {
            ok += 1;
        }
    }
    println!("{ok} ok, {bad} bad");
}

fn first_err(src: &str) -> Option<(u32, u32, String)> {
    match check_program("x.go", src) {
        Ok(_) => None,
        Err(e) => Some((e[0].pos.line, e[0].pos.col, e[0].message.clone())),
    }
}

fn pos_of(src: &str) -> (u32, u32) {
    let (l, c, _) = first_err(src).unwrap_or_else(|| panic!("accepted:\n{src}"));
    (l, c)
}

#[test]
fn robustness_never_panics() {
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "package", "main", "func", "(", ")", "{", "}", "[", "]", "x", "1", ":=", "=", "+", "<<",
        "*", "&", "if", "for", "range", "switch", "case", "default", ":", ";", "\n", ",", "var",
        "const", "return", "\"s\"", "0x", "1_", "/*", "//", "`", "'", "\u{0}", "\u{ff}", "...",
        "iota", "len", "println", "panic", "int", "bool", "nil", "true", "break", "continue",
    ];
    for _ in 0..3000 {
        let n = (rnd() % 60) as usize;
        let mut s = String::from("package main\n");
        for _ in 0..n {
            s.push_str(pieces[(rnd() % pieces.len() as u64) as usize]);
            s.push(' ');
        }
        let _ = super::check_bytes(s.as_bytes());
    }
    for _ in 0..500 {
        let n = (rnd() % 200) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| rnd() as u8).collect();
        let _ = super::check_bytes(&bytes);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "package main\nfunc main() {{ println({}1{}) }}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(first_err(&deep).unwrap().2.contains("nested"));
    let chain = format!(
        "package main\nfunc main() {{ println(1{}) }}\n",
        "+1".repeat(100_000)
    );
    assert!(first_err(&chain).unwrap().2.contains("nested"));
    let blocks = format!(
        "package main\nfunc main() {{ {} {} }}\n",
        "{".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(first_err(&blocks).unwrap().2.contains("nested"));
    let ok = format!(
        "package main\nfunc main() {{ println({}1{}) }}\n",
        "(".repeat(400),
        ")".repeat(400)
    );
    assert_eq!(first_err(&ok), None);
    let ok = format!(
        "package main\nfunc main() {{ println(1{}) }}\n",
        "+1".repeat(900)
    );
    assert_eq!(first_err(&ok), None);
    let huge = format!(
        "package main\nfunc main() {{ println({}) }}\n",
        "9".repeat(100_000)
    );
    assert!(first_err(&huge).is_some());
}

/// Go 1.19's first error position (`go build`) for each program.
#[test]
fn go_error_positions() {
    let cases: &[(&str, &str, u32, u32)] = &[
        // syntax error: unexpected }, expecting expression
        ("syn1", "package main\nfunc main() {\n\tx := 1 +\n}\n", 4, 1),
        // syntax error: cannot use x := 1 as value
        ("syn10", "package main\nfunc main() {\n\tswitch x := 1 {\n\t}\n}\n", 3, 11),
        // syntax error: unexpected newline in composite literal; possibly missing comma or }
        ("syn11", "package main\nfunc main() {\n\tx := [3]int{1, 2\n\t}\n}\n", 3, 18),
        // newline in string
        ("syn12", r#"package main
func main() {
	println("abc)
}
"#, 3, 15),
        // comment not terminated
        ("syn13", "package main\nfunc main() {\n\t/* abc\n}\n", 3, 2),
        // hexadecimal literal has no digits
        ("syn14", "package main\nfunc main() {\n\tx := 0x\n}\n", 3, 9),
        // '_' must separate successive digits
        ("syn15", "package main\nfunc main() {\n\tx := 1__0\n\t_ = x\n}\n", 3, 9),
        // invalid digit '9' in octal literal
        ("syn16", "package main\nfunc main() {\n\tx := 09\n\t_ = x\n}\n", 3, 8),
        // '_' must separate successive digits
        ("syn17", "package main\nfunc main() {\n\tx := 1_\n\t_ = x\n}\n", 3, 8),
        // syntax error: unexpected newline, expecting { after if clause
        ("syn2", "package main\nfunc main() {\n\tif x := 1; x > 0 \n\t{\n\t}\n}\n", 3, 19),
        // unknown escape
        ("syn20", r#"package main
func main() {
	println("\q")
}
"#, 3, 12),
        // invalid character U+0040 '@'
        ("syn21", "package main\nfunc main() {\n\tx := 1 @ 2\n}\n", 3, 9),
        // syntax error: unexpected {, expecting semicolon or newline
        ("syn27", "package main\nfunc main() {\n\tfor i := 0; i < 10 {\n\t}\n}\n", 3, 21),
        // syntax error: unexpected }, expecting expression
        ("syn28", "package main\nfunc main() {\n\tvar x = \n}\n", 4, 1),
        // assignment mismatch: 2 variables but 1 value
        ("syn29", "package main\nfunc main() {\n\tx, y := 1\n}\n", 3, 10),
        // syntax error: unexpected =, expecting comma, : or ]
        ("syn3", "package main\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tprintln(i)\n\t}\n\tvar a [3]int\n\ta[0 = 1\n}\n", 7, 6),
        // syntax error: missing condition in if statement
        ("syn30", "package main\nfunc main() {\n\tif {\n\t}\n}\n", 3, 5),
        // syntax error: unexpected = at end of statement
        ("syn31", "package main\nfunc main() {\n\ta := 1\n\ta++ = 2\n}\n", 4, 6),
        // syntax error: cannot declare in post statement of for loop
        ("syn32", "package main\nfunc main() {\n\tfor i := 0; i < 3; j := 1 {\n\t}\n}\n", 3, 23),
        // syntax error: unexpected case, expecting }
        ("syn33", "package main\nfunc main() {\n\tcase 1:\n}\n", 3, 2),
        // syntax error: unexpected newline in argument list; possibly missing comma or )
        ("syn34", "package main\nfunc main() {\n\tprintln(1,\n\t\t2\n\t)\n}\n", 4, 4),
        // imported and not used: "fmt"
        ("syn35", r#"package main
import "fmt"
func main() {
}
"#, 2, 8),
        // newline in string
        ("syn36", r#"package main
func main() {
	x := "abc
}
"#, 3, 11),
        // string not terminated
        ("syn37", "package main\nfunc main() {\n\tx := `abc\n}\n", 3, 7),
        // syntax error: cannot use x := 1 as value
        ("syn38", "package main\nfunc main() {\n\tif x := 1 {\n\t}\n}\n", 3, 7),
        // a[1:2] (value of type []int) is not used
        ("syn39", "package main\nfunc main() {\n\tvar a [3]int\n\ta[1:2]\n}\n", 4, 3),
        // syntax error: unexpected ) at end of statement
        ("syn4", "package main\nfunc main() {\n\tprintln(1))\n}\n", 3, 12),
        // syntax error: unexpected y at end of statement
        ("syn5", "package main\nfunc main() {\n\tx := 1 y := 2\n}\n", 3, 9),
        // syntax error: unexpected semicolon or newline before {
        ("syn6", "package main\nfunc main()\n{\n}\n", 3, 1),
        // syntax error: else must be followed by if or statement block
        ("syn7", "package main\nfunc main() {\n\tif true {\n\t} else println(1)\n}\n", 4, 9),
        // syntax error: unexpected main, expecting (
        ("syn8", "package main\nvar x int = \nfunc main() {}\n", 3, 6),
        // syntax error: mixed named and unnamed parameters
        ("syn9", "package main\nfunc f(a int, b) {}\nfunc main() {}\n", 2, 15),
        // cannot use true (untyped bool constant) as int value in assignment
        ("ty1", "package main\nfunc main() {\n\tx := 1\n\tx = true\n}\n", 4, 6),
        // invalid operation: division by zero
        ("ty10", "package main\nfunc main() {\n\tx := 5\n\tprintln(x % 0)\n}\n", 4, 14),
        // invalid operation: division by zero
        ("ty11", "package main\nfunc main() {\n\tconst c = 10 / 0\n}\n", 3, 17),
        // continue is not in a loop
        ("ty12", "package main\nfunc main() {\n\tcontinue\n}\n", 3, 2),
        // x (variable of type int) is not used
        ("ty13", "package main\nfunc main() {\n\tx := 1\n\tx\n}\n", 4, 2),
        // too many arguments in call to f
        ("ty14", "package main\nfunc f(a int) int { return a }\nfunc main() {\n\tf(1, 2)\n}\n", 4, 7),
        // cannot use true (untyped bool constant) as int value in argument to f
        ("ty15", "package main\nfunc f(a int) int { return a }\nfunc main() {\n\tf(true)\n}\n", 4, 4),
        // missing return
        ("ty16", "package main\nfunc f(a int) int {\n\tif a > 0 {\n\t\treturn 1\n\t}\n}\nfunc main() {\n\tf(1)\n}\n", 6, 1),
        // missing return
        ("ty18", "package main\nfunc f(a int) int {\n\tfor {\n\t\tbreak\n\t}\n}\nfunc main() {\n\tf(1)\n}\n", 6, 1),
        // invalid argument: index 3 out of bounds [0:3]
        ("ty2", "package main\nfunc main() {\n\tvar a [3]int\n\tprintln(a[3])\n}\n", 4, 12),
        // missing return
        ("ty20", "package main\nfunc f(a int) int {\n\tswitch a {\n\tcase 1:\n\t\tbreak\n\tdefault:\n\t\tpanic(2)\n\t}\n}\nfunc main() {\n\tf(1)\n}\n", 9, 1),
        // cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in variable de
        ("ty21", "package main\nvar x = 1 << 64\nfunc main() {}\n", 2, 9),
        // cannot use big (untyped int constant 1267650600228229401496703205376) as int value in argu
        ("ty22", "package main\nconst big = 1 << 100\nfunc main() {\n\tprintln(big >> 97)\n\tprintln(big)\n}\n", 5, 10),
        // cannot convert 1 << 63 (untyped int constant 9223372036854775808) to type int
        ("ty23", "package main\nfunc main() {\n\tx := int(1 << 63)\n\t_ = x\n}\n", 3, 11),
        // cannot use 1 (untyped int constant) as [2]int value in assignment
        ("ty24", "package main\nfunc main() {\n\tvar a [2][2]int\n\ta[0] = 1\n}\n", 4, 9),
        // no new variables on left side of :=
        ("ty25", "package main\nfunc main() {\n\tx, y := 1, 2\n\tx, y := 3, 4\n\t_, _ = x, y\n}\n", 4, 7),
        // cannot use 1 (untyped int constant) as bool value in variable declaration
        ("ty26", "package main\nfunc main() {\n\tvar b bool = 1\n\t_ = b\n}\n", 3, 15),
        // use of untyped nil in assignment
        ("ty27", "package main\nfunc main() {\n\tx := nil\n\t_ = x\n}\n", 3, 7),
        // cannot use 5 (untyped int constant) as *int value in assignment
        ("ty28", "package main\nfunc main() {\n\tvar p *int\n\tp = 5\n}\n", 4, 6),
        // cannot assign to 1 (untyped int constant)
        ("ty29", "package main\nfunc main() {\n\t1 = 2\n}\n", 3, 2),
        // multiple-value f() (value of type (int, int)) in single-value context
        ("ty3", "package main\nfunc f() (int, int) { return 1, 2 }\nfunc main() {\n\tx := f() + 1\n\t_ = x\n}\n", 4, 7),
        // cannot assign to f() (value of type int)
        ("ty30", "package main\nfunc f() int { return 1 }\nfunc main() {\n\tf() = 2\n}\n", 4, 2),
        // cannot range over 10 (untyped int constant)
        ("ty32", "package main\nfunc main() {\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n}\n", 3, 17),
        // cannot convert true (untyped bool constant) to int
        ("ty33", "package main\nfunc main() {\n\tx := 1\n\tswitch x {\n\tcase true:\n\t}\n}\n", 5, 7),
        // cannot convert 1 (untyped int constant) to bool
        ("ty34", "package main\nfunc main() {\n\tswitch {\n\tcase 1:\n\t}\n}\n", 4, 7),
        // cannot use b (variable of type [3]bool) as type [3]int in assignment
        ("ty35", "package main\nfunc main() {\n\tvar a [3]int\n\tvar b [3]bool\n\ta = b\n}\n", 5, 6),
        // x.y undefined (type int has no field or method y)
        ("ty36", "package main\nfunc main() {\n\tx := 1\n\tx.y = 2\n}\n", 4, 4),
        // cannot use -c (untyped int constant 9223372036854775808) as int value in assignment (overf
        ("ty37", "package main\nfunc main() {\n\tx := -9223372036854775808\n\ty := -x\n\tconst c = -9223372036854775808\n\tz := -c\n\t_, _ = y, z\n}\n", 6, 7),
        // invalid operation: too many arguments for len(a, a) (expected 1, found 2)
        ("ty38", "package main\nfunc main() {\n\tvar a [3]int\n\tprintln(len(a, a))\n}\n", 4, 10),
        // invalid argument: 5 (untyped int constant) for len
        ("ty39", "package main\nfunc main() {\n\tprintln(len(5))\n}\n", 3, 14),
        // f() (no value) used as value
        ("ty4", "package main\nfunc f() {}\nfunc main() {\n\tx := f()\n\t_ = x\n}\n", 4, 7),
        // cannot convert true (untyped bool constant) to uint
        ("ty40", "package main\nfunc main() {\n\tvar x int\n\tprintln(x << true)\n}\n", 4, 15),
        // invalid operation: x++ (non-numeric type bool)
        ("ty41", "package main\nfunc main() {\n\tvar x bool\n\tx++\n}\n", 4, 2),
        // invalid operation: x += 1 (mismatched types bool and untyped int)
        ("ty42", "package main\nfunc main() {\n\tvar x bool\n\tx += 1\n}\n", 4, 2),
        // invalid operation: x += true (mismatched types int and untyped bool)
        ("ty43", "package main\nfunc main() {\n\tx := 1\n\tx += true\n}\n", 4, 2),
        // invalid operation: division by zero
        ("ty44", "package main\nfunc main() {\n\tx := 1\n\tx /= 0\n}\n", 4, 7),
        // invalid argument: index 5 out of bounds [0:3]
        ("ty45", "package main\nfunc main() {\n\tx := [...]int{1, 2, 3}\n\tprintln(x[5])\n}\n", 4, 12),
        // result parameter a not in scope at return
        ("ty46", "package main\nfunc f() (a int) {\n\t{\n\t\ta := 2\n\t\t_ = a\n\t\treturn\n\t}\n}\nfunc main() { f() }\n", 6, 3),
        // cannot use 1 << y (untyped int value) as bool value in variable declaration
        ("ty47", "package main\nfunc main() {\n\ty := 3\n\tx := 1 << y\n\tvar b bool = 1 << y\n\t_, _ = x, b\n}\n", 5, 15),
        // invalid argument: index 3 out of bounds [0:3]
        ("ty48", "package main\nfunc main() {\n\tvar p *[3]int\n\tprintln(p[3])\n}\n", 4, 12),
        // cannot convert true (untyped bool constant) to int
        ("ty49", "package main\nfunc main() {\n\tvar a [3]int\n\tprintln(a[true])\n}\n", 4, 12),
        // no new variables on left side of :=
        ("ty5", "package main\nfunc main() {\n\tx := 1\n\tx := 2\n\t_ = x\n}\n", 4, 4),
        // invalid operation: operator ! not defined on 1 (untyped int constant)
        ("ty50", "package main\nfunc main() {\n\tprintln(!1)\n}\n", 3, 11),
        // invalid operation: operator ^ not defined on true (untyped bool constant)
        ("ty51", "package main\nfunc main() {\n\tprintln(^true)\n}\n", 3, 11),
        // invalid operation: cannot take address of 1 (untyped int constant)
        ("ty52", "package main\nfunc main() {\n\tvar x int\n\tprintln(&x == nil, &1)\n}\n", 4, 22),
        // break is not in a loop, switch, or select
        ("ty53", "package main\nfunc main() {\n\tfor {\n\t\tbreak\n\t}\n\tbreak\n}\n", 6, 2),
        // assignment mismatch: 2 variables but 1 value
        ("ty54", "package main\nfunc main() {\n\tvar x, y int = 1\n\t_ = x\n}\n", 3, 17),
        // extra init expr 2
        ("ty55", "package main\nfunc main() {\n\tvar x int = 1, 2\n\t_ = x\n}\n", 3, 17),
        // cannot use true (untyped bool constant) as int value in constant declaration
        ("ty56", "package main\nfunc main() {\n\tconst x int = true\n}\n", 3, 16),
        // cannot use 1 << (iota * 40) (untyped int constant 1208925819614629174706176) as int value 
        ("ty57", "package main\nconst (\n\ta = iota\n\tb\n\tc int = 1 << (iota * 40)\n\td\n)\nfunc main() { println(a, b, c, d) }\n", 5, 10),
        // x redeclared in this block
        ("ty6", "package main\nfunc main() {\n\tvar x int\n\tvar x bool\n\t_ = x\n}\n", 4, 6),
        // array length g() (value of type int) must be constant
        ("ty60", "package main\nfunc g() int { return 1 }\nfunc main() {\n\tvar a [g()]int\n}\n", 4, 9),
        // invalid array length -1 (untyped int constant)
        ("ty61", "package main\nfunc main() {\n\tvar a [-1]int\n}\n", 3, 9),
        // x declared but not used
        ("ty62", "package main\nfunc main() {\n\tx := 1\n\ty := 2\n}\n", 3, 2),
        // undefined: undefined1
        ("ty63", "package main\nfunc main() {\n\tprintln(undefined1)\n\tprintln(undefined2)\n}\n", 3, 10),
        // a redeclared in this block
        ("ty64", "package main\nfunc f(a, a int) {}\nfunc main() {}\n", 2, 11),
        // x redeclared in this block
        ("ty65", "package main\nvar x int\nvar x int\nfunc main() {}\n", 3, 5),
        // invalid operation: invalid shift count 1075 (untyped int constant)
        ("ty66", "package main\nfunc main() {\n\tprintln(1 << 1075)\n}\n", 3, 15),
        // invalid operation: *p + nil (mismatched types int and untyped nil)
        ("ty67", "package main\nfunc main() {\n\tvar p *int\n\tprintln(*p + nil)\n}\n", 4, 10),
        // invalid operation: not enough arguments for panic() (expected 1, found 0)
        ("ty68", "package main\nfunc main() {\n\tprint()\n\tprintln()\n\tpanic()\n}\n", 5, 2),
        // multiple defaults (first at ./ty69.go:5:2)
        ("ty69", "package main\nfunc main() {\n\tx := 3\n\tswitch x {\n\tdefault:\n\tdefault:\n\t}\n}\n", 6, 2),
        // non-boolean condition in if statement
        ("ty7", "package main\nfunc main() {\n\tif 1 {\n\t}\n}\n", 3, 5),
        // x + 1 == 2 (untyped bool value) is not used
        ("ty70", "package main\nfunc main() {\n\tx := 1\n\t_ = x\n\tx + 1 == 2\n}\n", 5, 2),
        // invalid operation: true < false (operator < not defined on untyped bool)
        ("ty8", "package main\nfunc main() {\n\tprintln(true < false)\n}\n", 3, 10),
        // invalid operation: operator + not defined on true (untyped bool constant)
        ("ty9", "package main\nfunc main() {\n\tprintln(true + false)\n}\n", 3, 10),
    ];
    for (name, src, l, c) in cases {
        assert_eq!(pos_of(src), (*l, *c), "{name}: {:?}", first_err(src));
    }
}
