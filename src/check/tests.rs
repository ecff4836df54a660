//! Checker tests: accepted programs and Go's error positions.

use super::check_program;

/// Runs the checker over the corpus (throwaway diagnostics; `--ignored`).
#[test]
#[ignore]
fn corpus_scan() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut bad = 0;
    for dir in ["tests/programs", "benches/programs", "examples"] {
        let d = format!("{root}/{dir}");
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
        let want = std::fs::read(p.with_extension("out"))
            .or_else(|_| std::fs::read(p.with_extension("want")))
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
        let cfg = crate::StackConfig::fixed(256 << 20);
        let mut out = Vec::new();
        let _ = c.run_main(&cfg, &mut out);
        if out != want {
            bad += 1;
            println!(
                "OUTPUT {}:\n--- got\n{}\n--- want\n{}",
                p.display(),
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&want)
            );
        } else {
            ok += 1;
        }
    }
    println!("{ok} ok, {bad} bad");
}

fn first_err(src: &str) -> Option<(u32, u32, String)> {
    match crate::on_compiler_stack(|| check_program("x.go", src)) {
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
fn no_main_is_reported_at_the_package_name() {
    // Go's linker reports it without a position.
    assert_eq!(
        first_err("package main\n\nfunc f() {}\n"),
        Some((
            1,
            9,
            "function main is undeclared in the main package".into()
        ))
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "package main\nfunc main() {{ println({}1{}) }}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(first_err(&deep).unwrap().2.contains("nested"));
    // A chain is not nesting: 10 000 operators (`MAX_CHAIN`) and 10 000 `else if`s are
    // accepted and compiled (on the compiler's stack, in the build the tests run in);
    // one more is an error at the operator or `if` past the limit.
    let chain = |n: usize| {
        format!(
            "package main\nfunc main() {{\n\tx := 1\n\tprintln(x{})\n}}\n",
            " + x".repeat(n)
        )
    };
    assert_eq!(first_err(&chain(10_000)), None);
    crate::compile(
        "chain.go",
        &chain(10_000),
        &crate::CompileOptions::default(),
    )
    .unwrap();
    assert_eq!(
        first_err(&chain(10_001)),
        Some((
            4,
            10 + 10_000 * 4 + 2,
            "syntax error: expression too long (more than 10000 operators in a chain)".into()
        ))
    );
    let else_ifs = |n: usize| {
        let mut s = String::from("package main\nfunc main() {\n\tx := 1\n\tif x == 0 {\n\t}");
        for i in 1..=n {
            s.push_str(&format!(" else if x == {i} {{\n\t\tprintln({i})\n\t}}"));
        }
        s + "\n}\n"
    };
    assert_eq!(first_err(&else_ifs(10_000)), None);
    crate::compile(
        "elseif.go",
        &else_ifs(10_000),
        &crate::CompileOptions::default(),
    )
    .unwrap();
    let e = first_err(&else_ifs(10_001)).unwrap();
    assert!(e.2.contains("if statement too long"), "{e:?}");
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
        // initialization loop for a
        (
            "c1",
            r#"package main
var a = f()
func f() int { return g() }
func g() int { return a }
func main() {}
"#,
            2,
            5,
        ),
        // index 2 is out of bounds (>= 2)
        (
            "c10",
            r#"package main
func main() {
	x := [2][2]int{{1, 2}, {3, 4, 5}}
	_ = x
}
"#,
            3,
            32,
        ),
        // invalid operation: p == q (mismatched types *int and *bool)
        (
            "c11",
            r#"package main
func main() {
	var p *int
	var q *bool
	println(p == q)
}
"#,
            5,
            15,
        ),
        // too many arguments in call to g
        (
            "c13",
            r#"package main
func f() (int, int) { return 1, 2 }
func g(a int) {}
func main() {
	g(f())
}
"#,
            5,
            4,
        ),
        // not enough return values
        (
            "c14",
            r#"package main
func f() (int, int) {
	return 1
}
func main() { f() }
"#,
            3,
            9,
        ),
        // initialization loop for a
        (
            "c2",
            r#"package main
const a = b
const b = a
func main() {}
"#,
            2,
            7,
        ),
        // x declared but not used
        (
            "c21",
            r#"package main
func main() {
	x := 1
	{
		x := 2
		_ = x
	}
}
"#,
            3,
            2,
        ),
        // missing function body
        (
            "c22",
            r#"package main
func f()
func main() {}
"#,
            2,
            6,
        ),
        // main redeclared in this block
        (
            "c23",
            r#"package main
func main() {}
func main() {}
"#,
            3,
            6,
        ),
        // cannot declare main - must be func
        (
            "c24",
            r#"package main
var main = 1
"#,
            2,
            5,
        ),
        // cannot use nil as int value in variable declaration
        (
            "c25",
            r#"package main
func main() {
	var x int = nil
}
"#,
            3,
            14,
        ),
        // use of untyped nil in assignment to _ identifier
        (
            "c26",
            r#"package main
func main() {
	_ = nil
}
"#,
            3,
            6,
        ),
        // use of untyped nil in argument to println
        (
            "c27",
            r#"package main
func main() {
	println(nil)
}
"#,
            3,
            10,
        ),
        // cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in argument to
        (
            "c28",
            r#"package main
func main() {
	println(1 << 64)
}
"#,
            3,
            10,
        ),
        // initialization loop for x
        (
            "c3",
            r#"package main
var x = x
func main() {}
"#,
            2,
            5,
        ),
        // non-boolean condition in if statement
        (
            "c31",
            r#"package main
func main() {
	x := 1
	if x == 1 {
	} else if x {
	}
}
"#,
            5,
            12,
        ),
        // non-boolean condition in for statement
        (
            "c32",
            r#"package main
func main() {
	for i := 0; i; i++ {
	}
}
"#,
            3,
            14,
        ),
        // i declared but not used
        (
            "c33",
            r#"package main
func main() {
	var a [3]int
	for i := range a {
		i = 5
	}
}
"#,
            4,
            6,
        ),
        // label L not defined
        (
            "c35",
            r#"package main
func main() {
	goto L
}
"#,
            3,
            7,
        ),
        // x declared but not used
        (
            "c36",
            r#"package main
func main() {
	var x int
	x, y := 1, 2
	_ = y
}
"#,
            3,
            6,
        ),
        // a repeated on left side of :=
        (
            "c37",
            r#"package main
func main() {
	a, a := 1, 2
	_ = a
}
"#,
            3,
            5,
        ),
        // invalid operation: x == true (mismatched types int and untyped bool)
        (
            "c38",
            r#"package main
func main() {
	x := 1
	println(x == true)
}
"#,
            4,
            15,
        ),
        // invalid operation: a < b (operator < not defined on array)
        (
            "c39",
            r#"package main
func main() {
	var a [3]int
	var b [3]int
	println(a < b)
}
"#,
            5,
            10,
        ),
        // c * 4 (constant 18446744073709551616 of type int) overflows int
        (
            "c4",
            r#"package main
const c int = 1 << 62
func main() {
	println(c * 4)
}
"#,
            4,
            10,
        ),
        // invalid operation: 1 + true (mismatched types untyped int and untyped bool)
        (
            "c40",
            r#"package main
func main() {
	println(1 + true)
}
"#,
            3,
            10,
        ),
        // int (variable of type int) is not a type
        (
            "c42",
            r#"package main
func main() {
	int := 3
	var x int
	_ = x
}
"#,
            4,
            8,
        ),
        // 1.5 (untyped float constant) truncated to int
        (
            "c43",
            r#"package main
func main() {
	var x [3]int
	x[1.5] = 0
}
"#,
            4,
            4,
        ),
        // cannot use -9223372036854775808 - 1 (untyped int constant -9223372036854775809) as int val
        (
            "c44",
            r#"package main
func main() {
	var x int
	x = -9223372036854775808 - 1
}
"#,
            4,
            6,
        ),
        // x declared but not used
        (
            "c45",
            r#"package main
func main() {
	if x := 1; false {
	}
}
"#,
            3,
            5,
        ),
        // missing return
        (
            "c46",
            r#"package main
func f(a int) int {
	switch {
	case a > 1:
		return 1
	}
	return 0
	println()
}
func main() { f(1) }
"#,
            9,
            1,
        ),
        // invalid argument: index c (constant -1 of type int) must not be negative
        (
            "c5",
            r#"package main
const c = -1
func main() {
	var a [3]int
	println(a[c])
}
"#,
            5,
            12,
        ),
        // cannot use x (variable of type int) as type bool in variable declaration
        (
            "c50",
            r#"package main
func main() {
	x := 0
	x++
	x--
	var y bool = x
}
"#,
            6,
            15,
        ),
        // index 3 is out of bounds (>= 3)
        (
            "c6",
            r#"package main
func main() {
	x := [3]int{1, 2, 3, 4}
	_ = x
}
"#,
            3,
            23,
        ),
        // invalid argument: index 5 out of bounds [0:3]
        (
            "c7",
            r#"package main
func main() {
	x := [3]int{5: 1}
	_ = x
}
"#,
            3,
            14,
        ),
        // cannot use true (untyped bool constant) as int value in array or slice literal
        (
            "c8",
            r#"package main
func main() {
	x := [3]int{true}
	_ = x
}
"#,
            3,
            14,
        ),
        // index n must be integer constant
        (
            "c9",
            r#"package main
func main() {
	n := 1
	x := [3]int{n: 1}
	_ = x
}
"#,
            4,
            15,
        ),
        // invalid argument: index -1 (constant of type int) must not be negative
        (
            "d1",
            r#"package main
func main() {
	x := [3]int{-1: 1}
	_ = x
}
"#,
            3,
            14,
        ),
        // array length 1 << 70 (untyped int constant 1180591620717411303424) must be integer
        (
            "d12",
            r#"package main
func main() {
	var a [1 << 70]int
	_ = a
}
"#,
            3,
            9,
        ),
        // array length true (untyped bool constant) must be integer
        (
            "d13",
            r#"package main
func main() {
	var a [true]int
	_ = a
}
"#,
            3,
            9,
        ),
        // len([2]int{}) (constant 2 of type int) is not used
        (
            "d14",
            r#"package main
func f() int { return 1 }
func main() {
	f()
	len([2]int{})
}
"#,
            5,
            2,
        ),
        // cannot convert true (untyped bool constant) to type int
        (
            "d15",
            r#"package main
func main() {
	println(int(true))
}
"#,
            3,
            14,
        ),
        // cannot convert 1 (untyped int constant) to type bool
        (
            "d16",
            r#"package main
func main() {
	println(bool(1))
}
"#,
            3,
            15,
        ),
        // invalid operation: cannot call non-function x (variable of type int)
        (
            "d17",
            r#"package main
func main() {
	x := 1
	println(x(2))
}
"#,
            4,
            10,
        ),
        // len (built-in) must be called
        (
            "d18",
            r#"package main
func main() {
	println(len)
}
"#,
            3,
            10,
        ),
        // int (type) is not an expression
        (
            "d19",
            r#"package main
func main() {
	x := int
}
"#,
            3,
            7,
        ),
        // cannot use true (untyped bool constant) as int value in array or slice literal
        (
            "d2",
            r#"package main
func main() {
	x := [3]int{1: true}
	_ = x
}
"#,
            3,
            17,
        ),
        // duplicate case 1 + 0 (constant 1 of type int) in expression switch
        (
            "d20",
            r#"package main
func main() {
	var x int
	switch x {
	case 1:
	case 1 + 0:
	}
}
"#,
            6,
            7,
        ),
        // not enough return values
        (
            "d3",
            r#"package main
func f() (int, int) {
	return
}
func main() { f() }
"#,
            3,
            2,
        ),
        // too many return values
        (
            "d4",
            r#"package main
func f() (int, int) {
	return 1, 2, 3
}
func main() { f() }
"#,
            3,
            15,
        ),
        // too many return values
        (
            "d5",
            r#"package main
func f() (int, int, int) { return 1, 2, 3 }
func g() (int, int) {
	return f()
}
func main() { g() }
"#,
            4,
            9,
        ),
        // too many return values
        (
            "d6",
            r#"package main
func f() {
	return 1
}
func main() { f() }
"#,
            3,
            9,
        ),
        // assignment mismatch: 2 variables but 1 value
        (
            "d7",
            r#"package main
func main() {
	var x int
	var y bool
	x, y = 1
}
"#,
            5,
            9,
        ),
        // cannot use true (untyped bool constant) as int value in argument to f
        (
            "d8",
            r#"package main
func f(a int, b bool) {}
func main() {
	f(true, 1)
}
"#,
            4,
            4,
        ),
        // syntax error: unexpected }, expecting expression
        (
            "syn1",
            r#"package main
func main() {
	x := 1 +
}
"#,
            4,
            1,
        ),
        // syntax error: cannot use x := 1 as value
        (
            "syn10",
            r#"package main
func main() {
	switch x := 1 {
	}
}
"#,
            3,
            11,
        ),
        // syntax error: unexpected newline in composite literal; possibly missing comma or }
        (
            "syn11",
            r#"package main
func main() {
	x := [3]int{1, 2
	}
}
"#,
            3,
            18,
        ),
        // newline in string
        (
            "syn12",
            r#"package main
func main() {
	println("abc)
}
"#,
            3,
            15,
        ),
        // comment not terminated
        (
            "syn13",
            r#"package main
func main() {
	/* abc
}
"#,
            3,
            2,
        ),
        // hexadecimal literal has no digits
        (
            "syn14",
            r#"package main
func main() {
	x := 0x
}
"#,
            3,
            9,
        ),
        // '_' must separate successive digits
        (
            "syn15",
            r#"package main
func main() {
	x := 1__0
	_ = x
}
"#,
            3,
            9,
        ),
        // invalid digit '9' in octal literal
        (
            "syn16",
            r#"package main
func main() {
	x := 09
	_ = x
}
"#,
            3,
            8,
        ),
        // '_' must separate successive digits
        (
            "syn17",
            r#"package main
func main() {
	x := 1_
	_ = x
}
"#,
            3,
            8,
        ),
        // syntax error: unexpected newline, expecting { after if clause
        (
            "syn2",
            r#"package main
func main() {
	if x := 1; x > 0 
	{
	}
}
"#,
            3,
            19,
        ),
        // unknown escape
        (
            "syn20",
            r#"package main
func main() {
	println("\q")
}
"#,
            3,
            12,
        ),
        // invalid character U+0040 '@'
        (
            "syn21",
            r#"package main
func main() {
	x := 1 @ 2
}
"#,
            3,
            9,
        ),
        // syntax error: unexpected {, expecting semicolon or newline
        (
            "syn27",
            r#"package main
func main() {
	for i := 0; i < 10 {
	}
}
"#,
            3,
            21,
        ),
        // syntax error: unexpected }, expecting expression
        (
            "syn28",
            r#"package main
func main() {
	var x = 
}
"#,
            4,
            1,
        ),
        // assignment mismatch: 2 variables but 1 value
        (
            "syn29",
            r#"package main
func main() {
	x, y := 1
}
"#,
            3,
            10,
        ),
        // syntax error: unexpected =, expecting comma, : or ]
        (
            "syn3",
            r#"package main
func main() {
	for i := 0; i < 3; i++ {
		println(i)
	}
	var a [3]int
	a[0 = 1
}
"#,
            7,
            6,
        ),
        // syntax error: missing condition in if statement
        (
            "syn30",
            r#"package main
func main() {
	if {
	}
}
"#,
            3,
            5,
        ),
        // syntax error: unexpected = at end of statement
        (
            "syn31",
            r#"package main
func main() {
	a := 1
	a++ = 2
}
"#,
            4,
            6,
        ),
        // syntax error: cannot declare in post statement of for loop
        (
            "syn32",
            r#"package main
func main() {
	for i := 0; i < 3; j := 1 {
	}
}
"#,
            3,
            23,
        ),
        // syntax error: unexpected case, expecting }
        (
            "syn33",
            r#"package main
func main() {
	case 1:
}
"#,
            3,
            2,
        ),
        // syntax error: unexpected newline in argument list; possibly missing comma or )
        (
            "syn34",
            r#"package main
func main() {
	println(1,
		2
	)
}
"#,
            4,
            4,
        ),
        // imported and not used: "fmt"
        (
            "syn35",
            r#"package main
import "fmt"
func main() {
}
"#,
            2,
            8,
        ),
        // newline in string
        (
            "syn36",
            r#"package main
func main() {
	x := "abc
}
"#,
            3,
            11,
        ),
        // string not terminated
        (
            "syn37",
            r#"package main
func main() {
	x := `abc
}
"#,
            3,
            7,
        ),
        // syntax error: cannot use x := 1 as value
        (
            "syn38",
            r#"package main
func main() {
	if x := 1 {
	}
}
"#,
            3,
            7,
        ),
        // a[1:2] (value of type []int) is not used
        (
            "syn39",
            r#"package main
func main() {
	var a [3]int
	a[1:2]
}
"#,
            4,
            3,
        ),
        // syntax error: unexpected ) at end of statement
        (
            "syn4",
            r#"package main
func main() {
	println(1))
}
"#,
            3,
            12,
        ),
        // syntax error: unexpected y at end of statement
        (
            "syn5",
            r#"package main
func main() {
	x := 1 y := 2
}
"#,
            3,
            9,
        ),
        // syntax error: unexpected semicolon or newline before {
        (
            "syn6",
            r#"package main
func main()
{
}
"#,
            3,
            1,
        ),
        // syntax error: else must be followed by if or statement block
        (
            "syn7",
            r#"package main
func main() {
	if true {
	} else println(1)
}
"#,
            4,
            9,
        ),
        // syntax error: unexpected main, expecting (
        (
            "syn8",
            r#"package main
var x int = 
func main() {}
"#,
            3,
            6,
        ),
        // syntax error: mixed named and unnamed parameters
        (
            "syn9",
            r#"package main
func f(a int, b) {}
func main() {}
"#,
            2,
            15,
        ),
        // cannot use true (untyped bool constant) as int value in assignment
        (
            "ty1",
            r#"package main
func main() {
	x := 1
	x = true
}
"#,
            4,
            6,
        ),
        // invalid operation: division by zero
        (
            "ty10",
            r#"package main
func main() {
	x := 5
	println(x % 0)
}
"#,
            4,
            14,
        ),
        // invalid operation: division by zero
        (
            "ty11",
            r#"package main
func main() {
	const c = 10 / 0
}
"#,
            3,
            17,
        ),
        // continue is not in a loop
        (
            "ty12",
            r#"package main
func main() {
	continue
}
"#,
            3,
            2,
        ),
        // x (variable of type int) is not used
        (
            "ty13",
            r#"package main
func main() {
	x := 1
	x
}
"#,
            4,
            2,
        ),
        // too many arguments in call to f
        (
            "ty14",
            r#"package main
func f(a int) int { return a }
func main() {
	f(1, 2)
}
"#,
            4,
            7,
        ),
        // cannot use true (untyped bool constant) as int value in argument to f
        (
            "ty15",
            r#"package main
func f(a int) int { return a }
func main() {
	f(true)
}
"#,
            4,
            4,
        ),
        // missing return
        (
            "ty16",
            r#"package main
func f(a int) int {
	if a > 0 {
		return 1
	}
}
func main() {
	f(1)
}
"#,
            6,
            1,
        ),
        // missing return
        (
            "ty18",
            r#"package main
func f(a int) int {
	for {
		break
	}
}
func main() {
	f(1)
}
"#,
            6,
            1,
        ),
        // invalid argument: index 3 out of bounds [0:3]
        (
            "ty2",
            r#"package main
func main() {
	var a [3]int
	println(a[3])
}
"#,
            4,
            12,
        ),
        // missing return
        (
            "ty20",
            r#"package main
func f(a int) int {
	switch a {
	case 1:
		break
	default:
		panic(2)
	}
}
func main() {
	f(1)
}
"#,
            9,
            1,
        ),
        // cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in variable de
        (
            "ty21",
            r#"package main
var x = 1 << 64
func main() {}
"#,
            2,
            9,
        ),
        // cannot use big (untyped int constant 1267650600228229401496703205376) as int value in argu
        (
            "ty22",
            r#"package main
const big = 1 << 100
func main() {
	println(big >> 97)
	println(big)
}
"#,
            5,
            10,
        ),
        // cannot convert 1 << 63 (untyped int constant 9223372036854775808) to type int
        (
            "ty23",
            r#"package main
func main() {
	x := int(1 << 63)
	_ = x
}
"#,
            3,
            11,
        ),
        // cannot use 1 (untyped int constant) as [2]int value in assignment
        (
            "ty24",
            r#"package main
func main() {
	var a [2][2]int
	a[0] = 1
}
"#,
            4,
            9,
        ),
        // no new variables on left side of :=
        (
            "ty25",
            r#"package main
func main() {
	x, y := 1, 2
	x, y := 3, 4
	_, _ = x, y
}
"#,
            4,
            7,
        ),
        // cannot use 1 (untyped int constant) as bool value in variable declaration
        (
            "ty26",
            r#"package main
func main() {
	var b bool = 1
	_ = b
}
"#,
            3,
            15,
        ),
        // use of untyped nil in assignment
        (
            "ty27",
            r#"package main
func main() {
	x := nil
	_ = x
}
"#,
            3,
            7,
        ),
        // cannot use 5 (untyped int constant) as *int value in assignment
        (
            "ty28",
            r#"package main
func main() {
	var p *int
	p = 5
}
"#,
            4,
            6,
        ),
        // cannot assign to 1 (untyped int constant)
        (
            "ty29",
            r#"package main
func main() {
	1 = 2
}
"#,
            3,
            2,
        ),
        // multiple-value f() (value of type (int, int)) in single-value context
        (
            "ty3",
            r#"package main
func f() (int, int) { return 1, 2 }
func main() {
	x := f() + 1
	_ = x
}
"#,
            4,
            7,
        ),
        // cannot assign to f() (value of type int)
        (
            "ty30",
            r#"package main
func f() int { return 1 }
func main() {
	f() = 2
}
"#,
            4,
            2,
        ),
        // cannot range over 10 (untyped int constant)
        (
            "ty32",
            r#"package main
func main() {
	for i := range 10 {
		_ = i
	}
}
"#,
            3,
            17,
        ),
        // cannot convert true (untyped bool constant) to int
        (
            "ty33",
            r#"package main
func main() {
	x := 1
	switch x {
	case true:
	}
}
"#,
            5,
            7,
        ),
        // cannot convert 1 (untyped int constant) to bool
        (
            "ty34",
            r#"package main
func main() {
	switch {
	case 1:
	}
}
"#,
            4,
            7,
        ),
        // cannot use b (variable of type [3]bool) as type [3]int in assignment
        (
            "ty35",
            r#"package main
func main() {
	var a [3]int
	var b [3]bool
	a = b
}
"#,
            5,
            6,
        ),
        // x.y undefined (type int has no field or method y)
        (
            "ty36",
            r#"package main
func main() {
	x := 1
	x.y = 2
}
"#,
            4,
            4,
        ),
        // cannot use -c (untyped int constant 9223372036854775808) as int value in assignment (overf
        (
            "ty37",
            r#"package main
func main() {
	x := -9223372036854775808
	y := -x
	const c = -9223372036854775808
	z := -c
	_, _ = y, z
}
"#,
            6,
            7,
        ),
        // invalid operation: too many arguments for len(a, a) (expected 1, found 2)
        (
            "ty38",
            r#"package main
func main() {
	var a [3]int
	println(len(a, a))
}
"#,
            4,
            10,
        ),
        // invalid argument: 5 (untyped int constant) for len
        (
            "ty39",
            r#"package main
func main() {
	println(len(5))
}
"#,
            3,
            14,
        ),
        // f() (no value) used as value
        (
            "ty4",
            r#"package main
func f() {}
func main() {
	x := f()
	_ = x
}
"#,
            4,
            7,
        ),
        // cannot convert true (untyped bool constant) to uint
        (
            "ty40",
            r#"package main
func main() {
	var x int
	println(x << true)
}
"#,
            4,
            15,
        ),
        // invalid operation: x++ (non-numeric type bool)
        (
            "ty41",
            r#"package main
func main() {
	var x bool
	x++
}
"#,
            4,
            2,
        ),
        // invalid operation: x += 1 (mismatched types bool and untyped int)
        (
            "ty42",
            r#"package main
func main() {
	var x bool
	x += 1
}
"#,
            4,
            2,
        ),
        // invalid operation: x += true (mismatched types int and untyped bool)
        (
            "ty43",
            r#"package main
func main() {
	x := 1
	x += true
}
"#,
            4,
            2,
        ),
        // invalid operation: division by zero
        (
            "ty44",
            r#"package main
func main() {
	x := 1
	x /= 0
}
"#,
            4,
            7,
        ),
        // invalid argument: index 5 out of bounds [0:3]
        (
            "ty45",
            r#"package main
func main() {
	x := [...]int{1, 2, 3}
	println(x[5])
}
"#,
            4,
            12,
        ),
        // result parameter a not in scope at return
        (
            "ty46",
            r#"package main
func f() (a int) {
	{
		a := 2
		_ = a
		return
	}
}
func main() { f() }
"#,
            6,
            3,
        ),
        // cannot use 1 << y (untyped int value) as bool value in variable declaration
        (
            "ty47",
            r#"package main
func main() {
	y := 3
	x := 1 << y
	var b bool = 1 << y
	_, _ = x, b
}
"#,
            5,
            15,
        ),
        // invalid argument: index 3 out of bounds [0:3]
        (
            "ty48",
            r#"package main
func main() {
	var p *[3]int
	println(p[3])
}
"#,
            4,
            12,
        ),
        // cannot convert true (untyped bool constant) to int
        (
            "ty49",
            r#"package main
func main() {
	var a [3]int
	println(a[true])
}
"#,
            4,
            12,
        ),
        // no new variables on left side of :=
        (
            "ty5",
            r#"package main
func main() {
	x := 1
	x := 2
	_ = x
}
"#,
            4,
            4,
        ),
        // invalid operation: operator ! not defined on 1 (untyped int constant)
        (
            "ty50",
            r#"package main
func main() {
	println(!1)
}
"#,
            3,
            11,
        ),
        // invalid operation: operator ^ not defined on true (untyped bool constant)
        (
            "ty51",
            r#"package main
func main() {
	println(^true)
}
"#,
            3,
            11,
        ),
        // invalid operation: cannot take address of 1 (untyped int constant)
        (
            "ty52",
            r#"package main
func main() {
	var x int
	println(&x == nil, &1)
}
"#,
            4,
            22,
        ),
        // break is not in a loop, switch, or select
        (
            "ty53",
            r#"package main
func main() {
	for {
		break
	}
	break
}
"#,
            6,
            2,
        ),
        // assignment mismatch: 2 variables but 1 value
        (
            "ty54",
            r#"package main
func main() {
	var x, y int = 1
	_ = x
}
"#,
            3,
            17,
        ),
        // extra init expr 2
        (
            "ty55",
            r#"package main
func main() {
	var x int = 1, 2
	_ = x
}
"#,
            3,
            17,
        ),
        // cannot use true (untyped bool constant) as int value in constant declaration
        (
            "ty56",
            r#"package main
func main() {
	const x int = true
}
"#,
            3,
            16,
        ),
        // cannot use 1 << (iota * 40) (untyped int constant 1208925819614629174706176) as int value
        (
            "ty57",
            r#"package main
const (
	a = iota
	b
	c int = 1 << (iota * 40)
	d
)
func main() { println(a, b, c, d) }
"#,
            5,
            10,
        ),
        // x redeclared in this block
        (
            "ty6",
            r#"package main
func main() {
	var x int
	var x bool
	_ = x
}
"#,
            4,
            6,
        ),
        // array length g() (value of type int) must be constant
        (
            "ty60",
            r#"package main
func g() int { return 1 }
func main() {
	var a [g()]int
}
"#,
            4,
            9,
        ),
        // invalid array length -1 (untyped int constant)
        (
            "ty61",
            r#"package main
func main() {
	var a [-1]int
}
"#,
            3,
            9,
        ),
        // x declared but not used
        (
            "ty62",
            r#"package main
func main() {
	x := 1
	y := 2
}
"#,
            3,
            2,
        ),
        // undefined: undefined1
        (
            "ty63",
            r#"package main
func main() {
	println(undefined1)
	println(undefined2)
}
"#,
            3,
            10,
        ),
        // a redeclared in this block
        (
            "ty64",
            r#"package main
func f(a, a int) {}
func main() {}
"#,
            2,
            11,
        ),
        // x redeclared in this block
        (
            "ty65",
            r#"package main
var x int
var x int
func main() {}
"#,
            3,
            5,
        ),
        // invalid operation: invalid shift count 1075 (untyped int constant)
        (
            "ty66",
            r#"package main
func main() {
	println(1 << 1075)
}
"#,
            3,
            15,
        ),
        // invalid operation: *p + nil (mismatched types int and untyped nil)
        (
            "ty67",
            r#"package main
func main() {
	var p *int
	println(*p + nil)
}
"#,
            4,
            10,
        ),
        // invalid operation: not enough arguments for panic() (expected 1, found 0)
        (
            "ty68",
            r#"package main
func main() {
	print()
	println()
	panic()
}
"#,
            5,
            2,
        ),
        // multiple defaults (first at ./ty69.go:5:2)
        (
            "ty69",
            r#"package main
func main() {
	x := 3
	switch x {
	default:
	default:
	}
}
"#,
            6,
            2,
        ),
        // non-boolean condition in if statement
        (
            "ty7",
            r#"package main
func main() {
	if 1 {
	}
}
"#,
            3,
            5,
        ),
        // x + 1 == 2 (untyped bool value) is not used
        (
            "ty70",
            r#"package main
func main() {
	x := 1
	_ = x
	x + 1 == 2
}
"#,
            5,
            2,
        ),
        // invalid operation: true < false (operator < not defined on untyped bool)
        (
            "ty8",
            r#"package main
func main() {
	println(true < false)
}
"#,
            3,
            10,
        ),
        // invalid operation: operator + not defined on true (untyped bool constant)
        (
            "ty9",
            r#"package main
func main() {
	println(true + false)
}
"#,
            3,
            10,
        ),
        // x declared but not used
        (
            "u1",
            r#"package main
func main() {
	for i := 0; i < 3; i++ {
		x := i
	}
}
"#,
            4,
            3,
        ),
        // v declared but not used
        (
            "u2",
            r#"package main
func main() {
	var a [3]int
	for i, v := range a {
		_ = i
	}
}
"#,
            4,
            9,
        ),
        // x declared but not used
        (
            "u3",
            r#"package main
func main() {
	x := 1
	x = 2
}
"#,
            3,
            2,
        ),
        // x declared but not used
        (
            "u6",
            r#"package main
func main() {
	switch x := 1; {
	}
}
"#,
            3,
            9,
        ),
        // b declared but not used
        (
            "u8",
            r#"package main
func f() (int, int) { return 1, 2 }
func main() {
	a, b := f()
	_ = a
}
"#,
            4,
            5,
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(_, src, l, c)| pos_of(src) != (*l, *c))
        .map(|(name, src, l, c)| format!("{name}: Go {l}:{c}, ours {:?}", first_err(src)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Programs Go accepts that the subset accepts too.
#[test]
fn accepted() {
    let ok = [
        "package main\nfunc main() {}\n",
        "package main\nconst big = 1 << 100\nfunc main() { println(big >> 97) }\n",
        "package main\nfunc f(p *int) {}\nfunc main() {\n\tf(nil)\n\tvar x = (*int)(nil)\n\t_ = x\n}\n",
        "package main\nfunc main() {\n\tvar b bool\n\tswitch b {\n\tcase true, true:\n\t}\n}\n",
        "package main\nfunc f() int {\n\tfor {\n\t}\n}\nfunc main() { f() }\n",
        "package main\nfunc f(a int) int {\n\tswitch a {\n\tcase 1:\n\t\treturn 1\n\tdefault:\n\t\tpanic(2)\n\t}\n}\nfunc main() { f(1) }\n",
    ];
    for src in ok {
        assert_eq!(first_err(src), None, "{src}");
    }
}

/// Issue 9: duplicate cases of a switch are found through a hash set, not by comparing
/// every case with every earlier one (which took 8 s for 100 000 cases). Every duplicate
/// is still reported, each at its own position, and only those.
#[test]
fn many_cases_and_their_duplicates() {
    let n = 100_000;
    let mut src = String::from("package main\nfunc main() {\n\tx := 1\n\tswitch x {\n");
    for k in 0..n {
        src.push_str(&format!("\tcase {k}:\n"));
    }
    // Lines 5.. hold the cases; these duplicate the first, a middle and the last one.
    src.push_str("\tcase 0, 7:\n\tcase 50000 + 0:\n\tcase 99999, -1:\n\t}\n}\n");
    let errs = check_program("x.go", &src).unwrap_err();
    let got: Vec<(u32, u32, &str)> = errs
        .iter()
        .map(|d| (d.pos.line, d.pos.col, d.message.as_str()))
        .collect();
    let l = 5 + n;
    assert_eq!(
        got,
        [
            (
                l,
                7,
                "duplicate case 0 (constant of type int) in expression switch"
            ),
            (
                l,
                10,
                "duplicate case 7 (constant of type int) in expression switch"
            ),
            (
                l + 1,
                7,
                "duplicate case 50000 + 0 (constant 50000 of type int) in expression switch"
            ),
            (
                l + 2,
                7,
                "duplicate case 99999 (constant of type int) in expression switch"
            ),
        ]
    );
    src.truncate(src.find("\tcase 0, 7:").unwrap());
    src.push_str("\t}\n}\n");
    assert!(check_program("x.go", &src).is_ok());
}
