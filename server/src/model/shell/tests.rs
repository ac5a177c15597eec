//! Splitter tests. Commands are rendered as one line each:
//! `[>…] [sep] env… name args…` where `>` repeats per nesting depth, `sep` is the
//! operator before the command (`&&`, `||`, `;`, `|`, `&`, `NL`), and a word whose
//! value is empty or has blanks is shown as `[value]`.

use super::*;
use proptest::prelude::*;

fn sep_str(s: Separator) -> &'static str {
    match s {
        Separator::And => "&&",
        Separator::Or => "||",
        Separator::Semi => ";",
        Separator::Pipe => "|",
        Separator::Background => "&",
        Separator::Newline => "NL",
    }
}

fn show_word(src: &str, w: &Word) -> String {
    let v = w.value(src);
    if v.is_empty() || v.contains(char::is_whitespace) { format!("[{v}]") } else { v.into_owned() }
}

fn render(src: &str, c: &Command) -> String {
    let mut parts = Vec::new();
    if c.depth > 0 {
        parts.push(">".repeat(c.depth as usize));
    }
    if let Some(s) = c.separator_before {
        parts.push(sep_str(s).to_string());
    }
    for w in c.env.iter().chain(c.name.iter()).chain(c.args.iter()) {
        parts.push(show_word(src, w));
    }
    parts.join(" ")
}

#[track_caller]
fn check(src: &str, expected: &[&str]) {
    let script = parse(src);
    let got: Vec<String> = script.commands.iter().map(|c| render(src, c)).collect();
    assert_eq!(got, expected, "input: {src:?}");
    check_invariants(src, &script);
}

fn name(src: &str, c: &Command) -> String {
    c.name_value(src).map(|n| n.into_owned()).unwrap_or_default()
}

#[test]
fn apt_get_chain() {
    check(
        "apt-get update && apt-get install -y --no-install-recommends curl=7.* ca-certificates && rm -rf /var/lib/apt/lists/*",
        &[
            "apt-get update",
            "&& apt-get install -y --no-install-recommends curl=7.* ca-certificates",
            "&& rm -rf /var/lib/apt/lists/*",
        ],
    );
}

#[test]
fn set_then_apk() {
    check(
        "set -eux; apk add --no-cache --virtual .build-deps gcc musl-dev",
        &["set -eux", "; apk add --no-cache --virtual .build-deps gcc musl-dev"],
    );
}

#[test]
fn pip_with_quoted_specifier() {
    check(
        "pip install --no-cache-dir -r requirements.txt 'django>=4.2' psycopg2==2.9.9",
        &["pip install --no-cache-dir -r requirements.txt django>=4.2 psycopg2==2.9.9"],
    );
    check("python3 -m pip install -U pip", &["python3 -m pip install -U pip"]);
}

#[test]
fn quotes_and_escapes() {
    check(r#"echo 'a b' "c \"d\" $HOME \x" e\ f \$x "" a"b"'c'"#, &[r#"echo [a b] [c "d" $HOME \x] [e f] $x [] abc"#]);
    // Escapes inside single quotes are not escapes.
    check(r"printf '%s\n' x", &[r"printf %s\n x"]);
    // `$'…'` quoting.
    check(r"echo $'a\tb' $'it\'s'", &["echo [a\tb] it's"]);
    // Expansions are kept whole, including quotes inside them.
    check(r#"echo "$(echo 'x y')" ${A:-"b c"}"#, &[r#"echo [$(echo 'x y')] [${A:-"b c"}]"#, "> echo [x y]"]);
}

#[test]
fn operators_inside_quotes_do_not_split() {
    check(r#"echo "a && b""#, &["echo [a && b]"]);
    check("echo 'a; b | c'", &["echo [a; b | c]"]);
    check(r"echo a\;b\|c", &["echo a;b|c"]);
    check("echo a#b", &["echo a#b"]);
}

#[test]
fn pipes_and_lists() {
    let src = "a | b || c";
    check(src, &["a", "| b", "|| c"]);
    let s = parse(src);
    let flags: Vec<(bool, bool)> = s.commands.iter().map(|c| (c.in_pipeline, c.pipeline_has_next)).collect();
    assert_eq!(flags, [(true, true), (true, false), (false, false)]);
    assert!(s.has_pipeline());
    assert!(!parse("a && b || c").has_pipeline());

    check("a & b; c\nd", &["a", "& b", "; c", "NL d"]);
    check("a |& b", &["a", "| b"]);
    // A newline after an operator continues the list.
    check("a &&\n  b ||\n c |\n d", &["a", "&& b", "|| c", "| d"]);
    // Blank lines and leading separators produce no empty commands.
    check("\n\n;a;;\n\n b ; ", &["a", "; b"]);
}

#[test]
fn compound_commands() {
    check("if [ -f x ]; then cd /x; fi", &["[ -f x ]", "; cd /x"]);
    check("if a; then b; elif c; then d; else e; fi && f", &["a", "; b", "; c", "; d", "; e", "&& f"]);
    check("for f in a b $(ls); do rm $f; done; echo ok", &["> ls", "rm $f", "; echo ok"]);
    check("for ((i=0; i<3; i++)); do echo $i; done", &["echo $i"]);
    check("while read -r l; do echo $l; done < list.txt | sort", &["read -r l", "; echo $l", "| sort"]);
    check("until false\ndo\n  x\ndone", &["false", "NL x"]);
    check(
        "case \"$ARCH\" in\n  amd64|x86_64) a=1; b ;;\n  arm*) (c) ;;\n  *) echo no;;\nesac; d",
        &["a=1", "; b", "; c", "; echo no", "; d"],
    );
    check("{ a; b; } > log && c", &["a", "; b", "&& c"]);
    check("(cd /x && make) || true", &["cd /x", "&& make", "|| true"]);
    check("f() { echo hi; }; f", &["echo hi", "; f"]);
    check("function g { x; }", &["x"]);
    check("[[ -f a && ! -d b ]] && echo yes", &["[[ -f a && ! -d b ]]", "&& echo yes"]);
    check("(( i++ )) && echo $i", &["&& echo $i"]);
    check("! grep -q x f", &["grep -q x f"]);
    // Keywords are only keywords in command position.
    check("echo if then fi done", &["echo if then fi done"]);
    check("'if' x", &["if x"]);
}

#[test]
fn shell_c_is_parsed_and_mapped() {
    let src = "sh -c 'apt-get install -y foo'";
    check(src, &["sh -c [apt-get install -y foo]", "> apt-get install -y foo"]);
    let s = parse(src);
    let inner = &s.commands[1];
    assert!(inner.via_shell_c);
    assert_eq!(inner.depth, 1);
    let open = src.find('\'').unwrap_or(0);
    let name = inner.name.as_ref().map(|w| w.range.clone());
    assert_eq!(name, Some(open + 1..open + 8));
    assert_eq!(&src[inner.range.clone()], "apt-get install -y foo");
    assert!(inner.range.start > open && inner.range.end < src.len());

    check("/bin/sh -c \"cd /x && make\"", &["/bin/sh -c [cd /x && make]", "> cd /x", "> && make"]);
    check(
        "bash -euo pipefail -c 'curl x | tar xz'",
        &["bash -euo pipefail -c [curl x | tar xz]", "> curl x", "> | tar xz"],
    );
    // Substitutions in the string are reported once, nested in the inner command.
    check(
        "sh -c \"make -j$(nproc) && cd x\"",
        &["sh -c [make -j$(nproc) && cd x]", "> make -j$(nproc)", ">> nproc", "> && cd x"],
    );
    // Found by proptest: a continuation after `]]` still closes `[[`.
    check("[[ a ]]\\\n) b", &["[[ a ]]", "b"]);
    // A script file is not a command string.
    check("bash -e script.sh", &["bash -e script.sh"]);
}

#[test]
fn shell_c_with_escapes_keeps_inner_values() {
    // The inner shell sees `echo "a b" 'c'`: the word `"a b"` is `a b` to it.
    let src = r#"bash -c "echo \"a b\" 'c' && rm x""#;
    check(src, &[r#"bash -c [echo "a b" 'c' && rm x]"#, "> echo [a b] c", "> && rm x"]);
    let s = parse(src);
    let echo = &s.commands[1];
    // The range of the first argument points at `\"a b\"` in the outer text.
    assert_eq!(echo.args[0].text(src), r#"\"a b\""#);
    assert_eq!(echo.args[1].text(src), "'c'");
    let rm = &s.commands[2];
    assert_eq!(rm.name.as_ref().map(|w| w.text(src)), Some("rm"));
}

#[test]
fn nested_shell_c_maps_through_both_levels() {
    let src = r#"sudo sh -c "bash -c 'apk add x'""#;
    check(src, &["sh -c [bash -c 'apk add x']", "> bash -c [apk add x]", ">> apk add x"]);
    let s = parse(src);
    assert_eq!(s.commands[0].sudo, Some(0..4));
    assert_eq!(s.commands[2].range.clone(), 21..30);
    assert_eq!(&src[s.commands[2].range.clone()], "apk add x");
}

#[test]
fn wrappers_are_unwrapped() {
    let src = "sudo -u app npm i -g pnpm@9";
    check(src, &["npm i -g pnpm@9"]);
    let c = &parse(src).commands[0];
    assert_eq!(c.sudo, Some(0..4));
    let wrappers: Vec<&str> = c.wrappers.iter().map(|w| w.text(src)).collect();
    assert_eq!(wrappers, ["sudo", "-u", "app"]);
    assert_eq!(c.range, 0..src.len());

    check("sudo -E -H apt-get update", &["apt-get update"]);
    check("sudo --user=app -- make", &["make"]);
    check("env -i PATH=/bin FOO=1 ./run x", &["PATH=/bin FOO=1 ./run x"]);
    check("nohup time -p nice -n 5 make -j4 &", &["make -j4"]);
    check("exec gosu app \"$@\"", &["gosu app $@"]);
    check("timeout 30 curl x", &["curl x"]);
    check("command -v curl", &["command -v curl"]);
    check("command curl x", &["curl x"]);
    // Nothing to unwrap: the wrapper stays the command.
    check("sudo -l", &["sudo -l"]);
    check("env", &["env"]);
    let c = &parse("sudo -v").commands[0];
    assert_eq!(c.sudo, None);
    assert!(parse("apt-get update").commands[0].sudo.is_none());
}

#[test]
fn assignments_before_the_name() {
    let src = r#"FOO=1 BAR="x y" make install"#;
    check(src, &["FOO=1 [BAR=x y] make install"]);
    let c = &parse(src).commands[0];
    assert_eq!(c.env.len(), 2);
    assert_eq!(name(src, c), "make");
    // Alone, an assignment is a command without a name.
    let c = &parse("A=1").commands[0];
    assert!(c.name.is_none());
    assert_eq!(c.env.len(), 1);
    // After the name it is an argument.
    check("make CC=gcc", &["make CC=gcc"]);
    check("arr=(a b) x", &["[arr=(a b)] x"]);
    check("\"A\"=1 x", &["A=1 x"]);
    let c = &parse("\"A\"=1 x").commands[0];
    assert!(c.env.is_empty(), "a quoted name is not an assignment");
}

#[test]
fn substitutions_are_one_word_with_nested_commands() {
    let src = "$(curl -fsSL x | sh)";
    check(src, &["[$(curl -fsSL x | sh)]", "> curl -fsSL x", "> | sh"]);
    let s = parse(src);
    assert!(s.commands[1].pipeline_has_next);
    assert!(s.commands[2].in_pipeline);
    assert!(s.commands.iter().all(|c| !c.via_shell_c));

    check(
        "VERSION=$(cat v | tr -d ' ') make; echo `date +%s`",
        &["[VERSION=$(cat v | tr -d ' ')] make", "> cat v", "> | tr -d [ ]", "; echo [`date +%s`]", "> date +%s"],
    );
    check("diff <(sort a) <(sort b)", &["diff [<(sort a)] [<(sort b)]", "> sort a", "> sort b"]);
    check("echo $((1 + (2 * 3))) ok", &["echo [$((1 + (2 * 3)))] ok"]);
    // Quotes inside a process substitution stay (found by proptest).
    check("cat <('a b')", &["cat [<('a b')]", "> [a b]"]);
    check("x=$(echo \")\") y", &["[x=$(echo \")\")] y", "> echo )"]);
    check("a $(b $(c) d) e", &["a [$(b $(c) d)] e", "> b $(c) d", ">> c"]);
}

#[test]
fn comments() {
    check("apt-get update # refresh\n# a whole line; rm -rf /\napk add x #done", &["apt-get update", "NL apk add x"]);
    check("echo a\\#b '#c' d#e", &["echo a#b #c d#e"]);
    check("#only a comment", &[]);
}

#[test]
fn unterminated_quotes_run_to_the_end() {
    let src = "echo \"abc && rm x";
    check(src, &["echo [abc && rm x]"]);
    assert!(parse(src).commands[0].args[0].unterminated);
    check("apk add x; echo 'y && z", &["apk add x", "; echo [y && z]"]);
    check("echo $(foo | bar", &["echo [$(foo | bar]", "> foo", "> | bar"]);
    assert!(parse("echo $(foo").commands[0].args[0].unterminated);
    assert!(!parse("echo $(foo)").commands[0].args[0].unterminated);
    check("echo ${x", &["echo ${x"]);
    check("echo `x", &["echo `x", "> x"]);
    check("a )) b", &["a", "b"]);
}

#[test]
fn heredoc_bodies_are_skipped() {
    let src = "cat <<EOF > /etc/x\napt-get install foo\nEOF\napk add bar";
    check(src, &["cat", "NL apk add bar"]);
    let c = &parse(src).commands[0];
    assert_eq!(c.redirects.len(), 2);
    let body = c.redirects[0].heredoc_body.clone().unwrap_or(0..0);
    assert_eq!(&src[body], "apt-get install foo\n");
    assert_eq!(c.redirects[1].target.as_ref().map(|w| w.text(src)), Some("/etc/x"));

    // `<<-` strips tabs before the delimiter; quoted delimiters work.
    check(
        "cat <<-'END' | sh && echo after\n\tyum install x\n\tEND\nnext",
        &["cat", "| sh", "&& echo after", "NL next"],
    );
    // Two heredocs on one line, in order.
    let src = "a <<A; b <<\"B\"\n1\nA\n2\nB\nc";
    check(src, &["a", "; b", "NL c"]);
    let s = parse(src);
    let body = |i: usize| s.commands[i].redirects[0].heredoc_body.clone().map(|r| &src[r]);
    assert_eq!(body(0), Some("1\n"));
    assert_eq!(body(1), Some("2\n"));
    // Unterminated heredoc: the body runs to the end.
    check("cat <<X\nrm -rf /\n", &["cat"]);
    // `<<<` is a here-string, not a heredoc.
    check("cat <<< hi\necho x", &["cat", "NL echo x"]);
}

#[test]
fn redirections_are_not_arguments() {
    let src = "curl -o x https://a 2>&1 >/dev/null && wget -q https://b &>> log";
    check(src, &["curl -o x https://a", "&& wget -q https://b"]);
    let s = parse(src);
    let ops: Vec<&str> = s.commands[0].redirects.iter().map(|r| &src[r.op.clone()]).collect();
    assert_eq!(ops, [">&", ">"]);
    let ranges: Vec<&str> = s.commands[0].redirects.iter().map(|r| &src[r.range.clone()]).collect();
    assert_eq!(ranges, ["2>&1", ">/dev/null"]);
    check("> out echo x", &["echo x"]);
    check("echo 2>x 3 4", &["echo 3 4"]);
}

#[test]
fn cd_and_wget() {
    let src = "cd /tmp && wget -q https://x/y.tgz";
    check(src, &["cd /tmp", "&& wget -q https://x/y.tgz"]);
    let s = parse(src);
    assert_eq!(s.commands[1].separator_before, Some(Separator::And));
    assert!(s.commands[1].has_flag(src, Some('q'), &["quiet"]));
    assert!(!s.commands[1].has_flag(src, Some('O'), &[]));
    let word = &s.commands[1].args[1];
    assert_eq!(&src[word.range.clone()], "https://x/y.tgz");
}

#[test]
fn line_continuations() {
    check("apt-get install -y \\\n  curl \\\r\n  git", &["apt-get install -y curl git"]);
    check("echo ab\\\ncd", &["echo abcd"]);
}

#[test]
fn name_value_and_flags() {
    let src = "/usr/bin/apt-get -qy install --no-install-recommends=1 x -- -z";
    let c = &parse(src).commands[0];
    assert_eq!(name(src, c), "apt-get");
    assert!(c.is(src, &["apt", "apt-get"]));
    assert!(c.has_flag(src, Some('y'), &[]));
    assert!(c.has_flag(src, Some('q'), &[]));
    assert!(c.has_flag(src, None, &["--no-install-recommends"]));
    assert!(c.has_flag(src, None, &["no-install-recommends"]));
    assert!(!c.has_flag(src, Some('z'), &[]), "after --");
    assert!(!c.has_flag(src, Some('n'), &["install"]));
    assert!(c.args[0].is_flag(src));
    assert!(!c.args[1].is_flag(src));
    let dashdash = c.args.iter().find(|w| w.text(src) == "--");
    assert!(dashdash.is_some_and(|w| !w.is_flag(src)));
}

#[test]
fn value_suffix_and_value_ranges() {
    let src = "x --virtual=.deps '--opt=a b' -rreq.txt";
    let c = &parse(src).commands[0];
    let w = c.args[0].value_suffix(src, "--virtual=".len());
    assert_eq!(w.text(src), ".deps");
    assert_eq!(w.value(src), ".deps");
    let w = c.args[1].value_suffix(src, "--opt=".len());
    assert_eq!(w.value(src), "a b");
    assert_eq!(w.range, c.args[1].range);
    let w = c.args[2].value_suffix(src, 2);
    assert_eq!(w.text(src), "req.txt");

    let src = "pip install 'django>=4.2'";
    let c = &parse(src).commands[0];
    let r = c.args[1].value_range_to_src(src, 0..6);
    assert_eq!(&src[r], "django");
    let r = c.args[1].value_range_to_src(src, 6..11);
    assert_eq!(&src[r], ">=4.2");
}

#[test]
fn sets_option() {
    let src = "set -euxo pipefail; set -o pipefail; set -e; set -o errexit";
    let s = parse(src);
    let got: Vec<bool> = s.commands.iter().map(|c| c.sets_option(src, "pipefail")).collect();
    assert_eq!(got, [true, true, false, false]);
}

#[test]
fn multibyte_text() {
    check("echo é && ünï 'ç' \\é", &["echo é", "&& ünï ç é"]);
}

#[test]
fn depth_is_bounded() {
    let deep = "$(".repeat(200) + "x" + &")".repeat(200);
    let s = parse(&deep);
    assert!(s.commands.iter().all(|c| c.depth <= MAX_DEPTH));
    check_invariants(&deep, &s);
    let deep_c = "sh -c '".to_string() + &"sh -c \\'".repeat(40) + "x";
    let s = parse(&deep_c);
    check_invariants(&deep_c, &s);
}

#[test]
fn a_long_run_is_fast() {
    let line = "apt-get install -y --no-install-recommends curl=7.* \"ca-certificates\" $(cat x) && \\\n";
    let src = line.repeat(100) + "rm -rf /var/lib/apt/lists/*";
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 {
        n += parse(&src).commands.len();
    }
    let per = start.elapsed() / 20;
    assert_eq!(n, 20 * 201);
    // A guard against super-linear behaviour, not a benchmark: this debug build takes
    // ~2 ms here (release ~60 µs for these 201 commands; a 100-line package list ~5 µs).
    assert!(per.as_millis() < 50, "{per:?} per parse");
}

/// Checks what must hold for any input.
fn check_invariants(src: &str, s: &Script) {
    let ok = |r: &Range<usize>| {
        r.start <= r.end && r.end <= src.len() && src.is_char_boundary(r.start) && src.is_char_boundary(r.end)
    };
    for c in &s.commands {
        assert!(ok(&c.range), "command range {:?} in {src:?}", c.range);
        let words = c
            .env
            .iter()
            .chain(c.wrappers.iter())
            .chain(c.name.iter())
            .chain(c.args.iter())
            .chain(c.redirects.iter().filter_map(|r| r.target.as_ref()));
        for w in words {
            assert!(ok(&w.range), "word range {:?} in {src:?}", w.range);
            assert!(
                w.range.start >= c.range.start && w.range.end <= c.range.end,
                "word {:?} outside command {:?} in {src:?}",
                w.range,
                c.range
            );
            let _ = w.value(src);
            let _ = w.is_flag(src);
        }
        for r in &c.redirects {
            assert!(ok(&r.range) && ok(&r.op));
            if let Some(b) = &r.heredoc_body {
                assert!(ok(b));
            }
        }
        if let Some(r) = &c.sudo {
            assert!(ok(r));
        }
        if let Some(i) = packages::install_command(c, src) {
            for p in &i.packages {
                assert!(ok(&p.name), "package name {:?} in {src:?}", p.name);
                if let Some(v) = &p.version {
                    assert!(ok(v), "package version {v:?} in {src:?}");
                }
                let _ = (p.name_str(src), p.version_str(src));
            }
        }
        let _ = packages::manager_command(c, src);
        for m in [packages::Manager::Apt, packages::Manager::Yum, packages::Manager::Pip] {
            let _ = packages::is_clean(c, src, m);
        }
    }
    for pair in s.commands.windows(2) {
        assert!(
            (pair[0].range.start, pair[0].depth) <= (pair[1].range.start, pair[1].depth),
            "out of order in {src:?}"
        );
    }
    for (i, a) in s.commands.iter().enumerate() {
        for b in &s.commands[i + 1..] {
            let disjoint = a.range.end <= b.range.start || b.range.is_empty();
            // `sh -c "… $(x) …"`: the outer shell runs `x` (depth 1) inside the
            // string whose commands are also at depth 1, so allow equal depths.
            let nested = b.depth >= a.depth && b.range.start >= a.range.start && b.range.end <= a.range.end;
            assert!(disjoint || nested, "commands {:?} and {:?} overlap in {src:?}", a.range, b.range);
        }
    }
}

/// Pieces of shell syntax, glued at random.
const ATOMS: &[&str] = &[
    "a",
    "apt-get",
    "install",
    "sh -c ",
    "bash -c ",
    "sudo ",
    "env ",
    "X=1 ",
    " ",
    " ",
    "\n",
    "\\\n",
    "é",
    "ü",
    "<<E",
    "<<-E",
    "E",
    "\t",
    "\r",
    "if ",
    "then ",
    "fi",
    "case x in ",
    "esac",
    "for ",
    "do ",
    "done",
    "[[ ",
    " ]]",
    "{ ",
    "}",
    "((",
    "))",
    "-y",
    "--yes",
    ";",
    ";;",
    "&",
    "&&",
    "|",
    "||",
    "<",
    ">",
    "2>&1",
    "(",
    ")",
    "'",
    "\"",
    "`",
    "$",
    "$(",
    "${",
    "$'",
    "\\",
    "{",
    "#",
    "=",
    "!",
    "*",
    "0",
    "9",
    "-",
    "function ",
    "f() ",
    "<(",
    "pip install ",
    "==1",
    "@2",
    "apk add ",
    "npm i ",
    "yum install ",
    "zypper in ",
    "gem install ",
    "go install ",
    "python3 -m pip install ",
    "--virtual",
    "-r",
    "-v",
    "@",
    ":",
    "[x]",
    ">=",
    "~",
    "-1.2",
    "rm -rf /var/lib/apt/lists/*",
    "-o",
    "-q=",
    "./",
    "https://",
];

fn shellish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ATOMS), 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_shellish_text(src in shellish()) {
        let s = parse(&src);
        check_invariants(&src, &s);
    }

    #[test]
    fn never_panics_on_any_string(src in any::<String>()) {
        let s = parse(&src);
        check_invariants(&src, &s);
    }

    #[test]
    fn plain_words_round_trip(words in prop::collection::vec("x[a-z0-9./=-]{0,8}", 1..8)) {
        // Words without special characters split on blanks and keep their text.
        let src = words.join(" ");
        let s = parse(&src);
        prop_assert_eq!(s.commands.len(), 1);
        let got: Vec<String> = s.commands[0].words().map(|w| w.value(&src).into_owned()).collect();
        let expected: Vec<String> = words
            .iter()
            .skip_while(|w| parse::is_assignment(w))
            .cloned()
            .collect();
        prop_assert_eq!(got, expected);
    }
}
