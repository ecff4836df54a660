//! Front-end tests of the goroutine stage: what the checker accepts and the checked
//! program (HIR) it builds for each construct. Go's error positions are in
//! `tests/reject/` (`chan_*`, `go_*`, `select_*`, `make_*`, `range_chan_*`, `runtime_*`).

use super::check_program;
use super::hir::*;

fn check(src: &str) -> Program {
    match crate::on_compiler_stack(|| check_program("x.go", src)) {
        Ok(p) => p,
        Err(e) => panic!("rejected: {:?}\n{src}", &e[..1]),
    }
}

fn first_err(src: &str) -> Option<(u32, u32, String)> {
    match crate::on_compiler_stack(|| check_program("x.go", src)) {
        Ok(_) => None,
        Err(e) => Some((e[0].pos.line, e[0].pos.col, e[0].message.clone())),
    }
}

fn func<'p>(p: &'p Program, name: &str) -> &'p Func {
    p.funcs.iter().find(|f| f.name == name).expect("function")
}

fn local_name(f: &Func, e: &Expr) -> String {
    match e.kind {
        ExprKind::Local(l) => f.locals[l.0 as usize].name.clone(),
        _ => panic!("not a local: {e:?}"),
    }
}

/// Every statement at any depth, in order.
fn flat(ss: &[Stmt], out: &mut Vec<Stmt>) {
    for s in ss {
        out.push(s.clone());
        match s {
            Stmt::Block(b) => flat(b, out),
            Stmt::If(_, t, e) => {
                flat(t, out);
                flat(e, out);
            }
            Stmt::For { post, body, .. } => {
                flat(body, out);
                flat(post, out);
            }
            Stmt::Select { cases, default, .. } => {
                for c in cases {
                    flat(&c.body, out);
                }
                flat(default.as_deref().unwrap_or(&[]), out);
            }
            _ => {}
        }
    }
}

fn all(f: &Func) -> Vec<Stmt> {
    let mut v = Vec::new();
    flat(&f.body, &mut v);
    v
}

/// Programs Go 1.19 accepts (each was built with `go build`) that the subset accepts.
#[test]
fn every_goroutine_construct_type_checks() {
    let ok = [
        // go with array, bool and channel arguments; results discarded; f(g()).
        "package main\nfunc f(a [2]int, b bool, c chan int) int { c <- a[0]; return 1 }\nfunc g() (int, bool) { return 1, true }\nfunc h(n int, b bool) {}\nfunc main() {\n\tc := make(chan int, 1)\n\tgo f([2]int{1, 2}, true, c)\n\tgo h(g())\n\tprintln(<-c)\n}\n",
        // make with a variable capacity; nil channels; == and != with nil and channels.
        "package main\nfunc main() {\n\tn := 3\n\tc := make(chan bool, n)\n\tvar d chan bool\n\td = nil\n\tprintln(c == d, c != nil, nil == d, (chan bool)(nil) == d)\n}\n",
        // comma-ok in :=, =, var (local and package-level), blank targets.
        "package main\nvar gv, gok = <-make(chan int, 1)\nfunc main() {\n\tc := make(chan int, 1)\n\tv, ok := <-c\n\tv, ok = <-c\n\t_, ok = <-c\n\tv, _ = <-c\n\tvar w, ok2 = <-c\n\tprintln(v, ok, w, ok2, gv, gok)\n}\n",
        // receives as statements and inside expressions; a parenthesized one.
        "package main\nfunc f(a, b int) int { return a - b }\nfunc main() {\n\tc := make(chan int, 3)\n\t<-c\n\t(<-c)\n\tprintln(f(<-c, <-c) + <-c)\n\tb := make(chan bool)\n\tif <-b && !<-b {\n\t}\n}\n",
        // `<-chan int(c)` receives from a conversion (Go's spec).
        "package main\nfunc main() {\n\tc := make(chan int, 1)\n\tx := <-chan int(c)\n\tprintln(x)\n}\n",
        // range in its forms.
        "package main\nfunc main() {\n\tc := make(chan int)\n\tfor range c {\n\t}\n\tfor _ = range c {\n\t}\n\tfor v := range c {\n\t\tprintln(v)\n\t\tcontinue\n\t}\n\tvar a [2]int\n\tfor a[1] = range c {\n\t}\n}\n",
        // select in every form, `select {}` terminating, break in a select in a loop.
        "package main\nfunc f(c chan int) int {\n\tselect {}\n}\nfunc g(c chan int) int {\n\tfor {\n\t\tselect {\n\t\tcase <-c:\n\t\t\tbreak\n\t\t}\n\t}\n}\nfunc h(c chan int) int {\n\tselect {\n\tcase v := <-c:\n\t\treturn v\n\tcase c <- 1:\n\t\tpanic(1)\n\tdefault:\n\t\treturn 0\n\t}\n}\nfunc main() {\n\tc := make(chan int, 1)\n\td := make(chan int, 1)\n\tvar x int\n\tvar ok bool\n\tselect {\n\tcase c <- <-d:\n\tcase x = <-c:\n\tcase x, ok = <-c:\n\tcase v, ok2 := <-c:\n\t\tprintln(v, ok2)\n\tcase _, ok3 := <-c:\n\t\tprintln(ok3)\n\tcase v := (<-c):\n\t\tprintln(v)\n\tcase (c) <- 2:\n\tdefault:\n\t}\n\tprintln(x, ok, f(c), g(c), h(c))\n}\n",
        // `select` then a newline before `{` (no semicolon after the keyword).
        "package main\nfunc main() {\n\tselect\n\t{\n\tdefault:\n\t}\n}\n",
        // close; switch on a channel.
        "package main\nfunc main() {\n\tc := make(chan int)\n\td := c\n\tswitch c {\n\tcase nil:\n\tcase d:\n\t\tclose(c)\n\t}\n}\n",
        // the runtime package: grouped, renamed, blank; NumGoroutine as a statement.
        "package main\nimport (\n\t\"runtime\"\n)\nfunc main() {\n\truntime.Gosched()\n\tprintln(runtime.NumGoroutine())\n\truntime.NumGoroutine()\n}\n",
        "package main\nimport rt \"runtime\"\nfunc main() {\n\trt.Gosched()\n}\n",
        "package main\nimport _ \"runtime\"\nfunc main() {}\n",
        // a local named like the package shadows it; the import is still used elsewhere.
        "package main\nimport \"runtime\"\nfunc f() { runtime.Gosched() }\nfunc main() {\n\truntime := 1\n\tprintln(runtime)\n\tf()\n}\n",
    ];
    for src in ok {
        check(src);
    }
}

#[test]
fn go_statement() {
    let p = check(
        "package main\nfunc w(a int, b [2]int, c chan int) int { return a }\nfunc main() {\n\tc := make(chan int)\n\tx := 1\n\tgo w(x+1, [2]int{}, c)\n}\n",
    );
    let main = func(&p, "main");
    let w = p.funcs.iter().position(|f| f.name == "w").unwrap();
    let go = all(main)
        .into_iter()
        .find_map(|s| match s {
            Stmt::Go { func, args, pos } => Some((func, args, pos)),
            _ => None,
        })
        .expect("a Go node");
    assert_eq!(go.0, FuncId(w as u32));
    assert_eq!(go.1.len(), 3);
    assert!(matches!(go.1[0].kind, ExprKind::Binary(BinOp::Add, ..)));
    assert_eq!(go.1[2].ty, Type::Chan(Box::new(Type::Int)));
    assert_eq!(go.2, Pos { line: 6, col: 2 });
}

#[test]
fn channel_operations() {
    let p = check(
        "package main\nimport \"runtime\"\nfunc main() {\n\tc := make(chan bool, 3)\n\tu := make(chan int)\n\tc <- true\n\tv, ok := <-c\n\tprintln(v, ok, <-u)\n\tclose(c)\n\truntime.Gosched()\n\tprintln(runtime.NumGoroutine())\n}\n",
    );
    let main = func(&p, "main");
    let ss = all(main);
    let makes: Vec<&Expr> = ss
        .iter()
        .filter_map(|s| match s {
            Stmt::Assign(_, r) => r.first(),
            _ => None,
        })
        .filter(|e| matches!(e.kind, ExprKind::MakeChan(_)))
        .collect();
    assert_eq!(makes.len(), 2);
    assert!(
        matches!(&makes[0].kind, ExprKind::MakeChan(Some(n)) if matches!(n.kind, ExprKind::Const(3)))
    );
    assert_eq!(makes[0].ty, Type::Chan(Box::new(Type::Bool)));
    assert!(matches!(makes[1].kind, ExprKind::MakeChan(None)));
    assert!(ss.iter().any(|s| matches!(s, Stmt::Send { chan, value }
        if local_name(main, chan) == "c" && matches!(value.kind, ExprKind::Const(1)))));
    let recv_ok = ss
        .iter()
        .find_map(|s| match s {
            Stmt::RecvOk { value, ok, chan } => Some((value, ok, chan)),
            _ => None,
        })
        .expect("RecvOk");
    assert_eq!(local_name(main, recv_ok.0.as_ref().unwrap()), "v");
    assert_eq!(local_name(main, recv_ok.1.as_ref().unwrap()), "ok");
    assert_eq!(recv_ok.1.as_ref().unwrap().ty, Type::Bool);
    assert_eq!(local_name(main, recv_ok.2), "c");
    let printed_recv = ss.iter().any(|s| match s {
        Stmt::Print { args, .. } => args.iter().any(|a| {
            matches!(a, PrintArg::Value(e) if matches!(&e.kind, ExprKind::Recv(c) if local_name(main, c) == "u") && e.ty == Type::Int)
        }),
        _ => false,
    });
    assert!(printed_recv);
    assert!(ss
        .iter()
        .any(|s| matches!(s, Stmt::Close(e) if local_name(main, e) == "c")));
    assert!(ss
        .iter()
        .any(|s| matches!(s, Stmt::Gosched(p) if *p == Pos { line: 10, col: 2 })));
    assert!(ss.iter().any(|s| matches!(s, Stmt::Print { args, .. }
        if matches!(&args[0], PrintArg::Value(e) if matches!(e.kind, ExprKind::NumGoroutine)))));
}

/// `for v := range ch`: the channel once into a hidden local, then a loop that receives
/// into `v` and leaves when the channel is closed.
#[test]
fn range_over_a_channel() {
    let p = check(
        "package main\nfunc main() {\n\tc := make(chan int)\n\tfor v := range c {\n\t\tprintln(v)\n\t}\n}\n",
    );
    let main = func(&p, "main");
    let Some(Stmt::Block(b)) = main.body.last() else {
        panic!("{:?}", main.body)
    };
    let [Stmt::Assign(l, r), Stmt::For {
        cond: None,
        post,
        body,
    }] = &b[..]
    else {
        panic!("{b:?}")
    };
    assert!(post.is_empty());
    let tmp = local_name(main, l[0].as_ref().unwrap());
    assert!(tmp.starts_with('$'));
    assert_eq!(local_name(main, &r[0]), "c");
    let [Stmt::RecvOk { value, ok, chan }, Stmt::If(cond, then, els), Stmt::Block(user)] =
        &body[..]
    else {
        panic!("{body:?}")
    };
    assert_eq!(local_name(main, value.as_ref().unwrap()), "v");
    assert_eq!(local_name(main, chan), tmp);
    let okn = local_name(main, ok.as_ref().unwrap());
    assert!(matches!(&cond.kind, ExprKind::Unary(UnOp::Not, x) if local_name(main, x) == okn));
    assert!(matches!(&then[..], [Stmt::Break]) && els.is_empty());
    assert!(matches!(&user[..], [Stmt::Print { .. }]));
}

/// A select: channels and send values evaluated first into hidden locals, in source
/// order; the cases refer to them.
#[test]
fn select_statement() {
    let p = check(
        "package main\nfunc val(k int) int { return k }\nfunc main() {\n\ta := make(chan int, 1)\n\tb := make(chan int, 1)\n\tvar x [2]int\n\tselect {\n\tcase a <- val(1):\n\tcase x[val(0)] = <-b:\n\t\tprintln(x[0])\n\tcase v, ok := <-a:\n\t\tprintln(v, ok)\n\tdefault:\n\t\tprintln(0)\n\t}\n}\n",
    );
    let main = func(&p, "main");
    let Some(Stmt::Block(b)) = main.body.last() else {
        panic!("{:?}", main.body)
    };
    let (pre, sel) = b.split_at(b.len() - 1);
    let Stmt::Select {
        cases,
        default,
        pos,
    } = &sel[0]
    else {
        panic!("{sel:?}")
    };
    assert_eq!(*pos, Pos { line: 7, col: 2 });
    // $a, $val(1), $b, $a: in source order.
    let hoisted: Vec<(String, String)> = pre
        .iter()
        .map(|s| match s {
            Stmt::Assign(l, r) => (
                local_name(main, l[0].as_ref().unwrap()),
                match &r[0].kind {
                    ExprKind::Local(_) => local_name(main, &r[0]),
                    ExprKind::Call(..) => "call".into(),
                    k => format!("{k:?}"),
                },
            ),
            s => panic!("{s:?}"),
        })
        .collect();
    let rhs: Vec<&str> = hoisted.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(rhs, ["a", "call", "b", "a"]);
    assert!(hoisted.iter().all(|(l, _)| l.starts_with('$')));
    assert_eq!(cases.len(), 3);
    let Comm::Send { chan, value } = &cases[0].comm else {
        panic!()
    };
    assert_eq!(local_name(main, chan), hoisted[0].0);
    assert_eq!(local_name(main, value), hoisted[1].0);
    // `x[val(0)] = <-b`: received into a hidden local, assigned at the start of the body
    // (the index is evaluated only when the case is chosen).
    let Comm::Recv { chan, value, ok } = &cases[1].comm else {
        panic!()
    };
    assert_eq!(local_name(main, chan), hoisted[2].0);
    assert!(ok.is_none());
    let tmp = local_name(main, value.as_ref().unwrap());
    assert!(tmp.starts_with('$'));
    let [Stmt::Assign(l, r), Stmt::Print { .. }] = &cases[1].body[..] else {
        panic!("{:?}", cases[1].body)
    };
    assert!(matches!(&l[0].as_ref().unwrap().kind, ExprKind::Index(..)));
    assert_eq!(local_name(main, &r[0]), tmp);
    // `v, ok := <-a`: straight into the new variables.
    let Comm::Recv { chan, value, ok } = &cases[2].comm else {
        panic!()
    };
    assert_eq!(local_name(main, chan), hoisted[3].0);
    assert_eq!(local_name(main, value.as_ref().unwrap()), "v");
    assert_eq!(local_name(main, ok.as_ref().unwrap()), "ok");
    assert!(matches!(&default.as_deref(), Some([Stmt::Print { .. }])));
    // `select {}` alone: nothing to evaluate.
    let p = check("package main\nfunc main() {\n\tselect {}\n}\n");
    assert!(matches!(
        &func(&p, "main").body[..],
        [Stmt::Select { cases, default: None, .. }] if cases.is_empty()
    ));
}

/// `case x += <-ch:` passes Go's type checker but crashes gc ("unknown op in select"):
/// rejected here as the case that is not a communication it is.
#[test]
fn op_assignment_as_select_case() {
    assert_eq!(
        first_err(
            "package main\nfunc main() {\n\ta := make(chan int, 1)\n\tx := 1\n\tselect {\n\tcase x += <-a:\n\t}\n\tprintln(x, a == nil)\n}\n"
        ),
        Some((
            6,
            7,
            "select case must be send or receive (possibly with assignment)".into()
        ))
    );
}

/// Random token soups with the goroutine stage's tokens never crash the front end.
#[test]
fn goroutine_tokens_never_panic() {
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "go",
        "chan",
        "<-",
        "select",
        "case",
        "default",
        ":",
        "make",
        "close",
        "range",
        "for",
        "import",
        "\"runtime\"",
        "runtime",
        ".",
        "Gosched",
        "NumGoroutine",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "x",
        "c",
        "1",
        ":=",
        "=",
        ",",
        "int",
        "bool",
        "nil",
        "\n",
        ";",
        "func",
        "f",
        "break",
        "*",
        "&",
        "_",
        "rt",
        "var",
    ];
    for _ in 0..4000 {
        let n = (rnd() % 50) as usize;
        let mut s = String::from("package main\n");
        if rnd() % 2 == 0 {
            s.push_str("import \"runtime\"\n");
        }
        s.push_str("func f(c chan int) int { return 0 }\nfunc main() {\n\tc := make(chan int)\n");
        for _ in 0..n {
            s.push_str(pieces[(rnd() % pieces.len() as u64) as usize]);
            s.push(' ');
        }
        s.push_str("\n}\n");
        let _ = super::check_bytes(s.as_bytes());
    }
}
