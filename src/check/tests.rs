//! Checker tests: accepted programs and Go's error positions.

use super::check_program;

/// Runs the checker over the corpus (throwaway diagnostics; `--ignored`).
#[test]
#[ignore]
fn corpus_scan() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut bad = 0;
    for dir in ["tests/programs", "/work/shared/bench"] {
        let d = if dir.starts_with('/') { dir.to_string() } else { format!("{root}/{dir}") };
        let mut files: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        for p in files {
            if p.extension().is_none_or(|e| e != "go") || p.ends_with("go_spawn.go") {
                continue;
            }
            let src = std::fs::read_to_string(&p).unwrap();
            if let Err(e) = check_program("x.go", &src) {
                bad += 1;
                println!("ACCEPT FAIL {}: {}", p.display(), crate::diag::render("x.go", &src, &e[..1]));
            }
        }
    }
    let d = format!("{root}/tests/reject");
    let mut files: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().map(|e| e.path()).collect();
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
                println!("REJECT FAIL (accepted) {}: want {want} {}", p.display(), exp.lines().nth(1).unwrap_or(""));
            }
            Err(e) => {
                let got = format!("{}:{}", e[0].pos.line, e[0].pos.col);
                if got != want {
                    bad += 1;
                    println!("REJECT POS {}: want {want} ({}) got {got}: {}", p.display(), exp.lines().nth(1).unwrap_or(""), e[0].message);
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
    let Ok(d) = std::env::var("MS_DIFF_DIR") else { return };
    let mut files: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let mut bad = 0;
    for p in files {
        if p.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let src = std::fs::read(&p).unwrap();
        let want = std::fs::read_to_string(p.with_extension("goerr")).unwrap_or_default();
        let want_pos = want.lines().next().map(|l| l.split(':').skip(1).take(2).collect::<Vec<_>>().join(":")).unwrap_or_default();
        let got = super::check_bytes(&src);
        let got_s = match &got {
            Ok(_) => String::new(),
            Err(e) => format!("{}:{}", e[0].pos.line, e[0].pos.col),
        };
        if got_s != want_pos {
            bad += 1;
            let msg = got.err().map(|e| e[0].message.clone()).unwrap_or_default();
            println!("DIFF {}: go `{}` ours `{got_s}` {msg}", p.display(), want.lines().next().unwrap_or(""));
        }
    }
    println!("{bad} differences");
}
