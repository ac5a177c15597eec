//! Package-manager tests. An install renders as
//! `Manager subcommand [packages] flags…`, each package as `kind:name (version)` with
//! the name and version cut from the source by their ranges (`kind:` left out for
//! registry packages).

use super::packages::*;
use super::{Command, parse};

fn kind_prefix(k: PackageKind) -> &'static str {
    match k {
        PackageKind::Registry => "",
        PackageKind::Path => "path:",
        PackageKind::Url => "url:",
        PackageKind::RequirementsFile => "req:",
        PackageKind::ConstraintsFile => "constraints:",
        PackageKind::Expansion => "expansion:",
    }
}

fn render(src: &str, i: &Install) -> String {
    let pkgs: Vec<String> = i
        .packages
        .iter()
        .map(|p| {
            let name = &src[p.name.clone()];
            match &p.version {
                Some(v) => format!("{}{name} ({})", kind_prefix(p.kind), &src[v.clone()]),
                None => format!("{}{name}", kind_prefix(p.kind)),
            }
        })
        .collect();
    let mut s = format!("{:?} {} [{}]", i.manager, i.subcommand.value(src), pkgs.join(", "));
    let flags = [
        (i.yes, "yes"),
        (i.no_cache, "no-cache"),
        (i.no_install_recommends, "no-recommends"),
        (i.global, "global"),
        (i.from_manifest, "manifest"),
    ];
    for (on, name) in flags {
        if on {
            s.push(' ');
            s.push_str(name);
        }
    }
    if let Some(v) = &i.virtual_name {
        s.push_str(&format!(" virtual={}", v.value(src)));
    }
    s
}

/// Every install in `src`, rendered.
#[track_caller]
fn installs(src: &str) -> Vec<String> {
    parse(src).commands.iter().filter_map(|c| install_command(c, src).map(|i| render(src, &i))).collect()
}

#[track_caller]
fn check(src: &str, expected: &[&str]) {
    assert_eq!(installs(src), expected, "input: {src:?}");
}

fn first(src: &str) -> Command {
    parse(src).commands.into_iter().next().unwrap_or_else(|| panic!("no command in {src:?}"))
}

fn action(src: &str) -> Option<(Manager, Action, Option<String>, bool)> {
    let c = first(src);
    manager_command(&c, src).map(|m| (m.manager, m.action, m.subcommand.map(|w| w.value(src).into_owned()), m.yes))
}

#[test]
fn apt_get_install_chain() {
    let src = "apt-get update && apt-get install -y --no-install-recommends curl=7.* ca-certificates && rm -rf /var/lib/apt/lists/*";
    check(src, &["Apt install [curl (7.*), ca-certificates] yes no-recommends"]);
    let s = parse(src);
    let m = manager_command(&s.commands[0], src);
    assert_eq!(m.map(|m| m.action), Some(Action::Update));
    assert!(is_apt_lists_cleanup(&s.commands[2], src));
    assert!(!is_apt_lists_cleanup(&s.commands[1], src));
}

#[test]
fn apt_yes_and_recommends() {
    check("apt-get install curl", &["Apt install [curl]"]);
    check("apt-get -qq install x", &["Apt install [x] yes"]);
    check("apt-get -q install x", &["Apt install [x]"]);
    check("apt-get -q -q install x", &["Apt install [x] yes"]);
    check("apt-get -q=2 install x", &["Apt install [x] yes"]);
    check("apt-get --assume-yes install x", &["Apt install [x] yes"]);
    check("apt-get install -qy x", &["Apt install [x] yes"]);
    check("apt-get -o APT::Get::Assume-Yes=true install x", &["Apt install [x] yes"]);
    check("apt-get install -o Dpkg::Options::=--force-confold -t bookworm-backports --yes x", &["Apt install [x] yes"]);
    check("apt-get -o APT::Install-Recommends=false install x", &["Apt install [x] no-recommends"]);
    check(
        "apt install ./local.deb foo/bookworm-backports libc6:amd64=2.36-9",
        &["Apt install [path:./local.deb, foo, libc6 (2.36-9)]"],
    );
    check("sudo apt-get reinstall -y x", &["Apt reinstall [x] yes"]);
    // `apt-get upgrade` is not an install but still has a `yes`.
    assert_eq!(action("apt-get upgrade"), Some((Manager::Apt, Action::Upgrade, Some("upgrade".into()), false)));
    assert_eq!(
        action("apt-get -y dist-upgrade"),
        Some((Manager::Apt, Action::DistUpgrade, Some("dist-upgrade".into()), true))
    );
    assert_eq!(action("apt-get"), Some((Manager::Apt, Action::Other, None, false)));
    assert_eq!(action("apt-cache policy x"), None);
}

#[test]
fn apk_add() {
    check(
        "set -eux; apk add --no-cache --virtual .build-deps gcc musl-dev",
        &["Apk add [gcc, musl-dev] yes no-cache virtual=.build-deps"],
    );
    check(
        "apk --no-cache add -t .x curl=8.5.0-r0 'py3-pip>=23' bash@edge tzdata~2024",
        &["Apk add [curl (8.5.0-r0), py3-pip (>=23), bash, tzdata (~2024)] yes no-cache virtual=.x"],
    );
    check("apk add --virtual=.v x", &["Apk add [x] yes virtual=.v"]);
    check("apk add -i x", &["Apk add [x]"]);
    check("apk add --allow-untrusted /tmp/x.apk", &["Apk add [path:/tmp/x.apk] yes"]);
    assert_eq!(action("apk update").map(|a| a.1), Some(Action::Update));
    assert_eq!(action("apk del .build-deps").map(|a| a.1), Some(Action::Remove));
}

#[test]
fn pip_install() {
    check(
        "pip install --no-cache-dir -r requirements.txt 'django>=4.2' psycopg2==2.9.9",
        &["Pip install [req:requirements.txt, django (>=4.2), psycopg2 (2.9.9)] yes no-cache manifest"],
    );
    check("python3 -m pip install -U pip", &["Pip install [pip] yes"]);
    check("python -m pip install x", &["Pip install [x] yes"]);
    check("/usr/bin/python3.12 -I -m pip install x", &["Pip install [x] yes"]);
    check("python3 -m venv /v", &[]);
    check("python3 -c 'import pip' install x", &[]);
    check(
        "pip3 install -e . git+https://github.com/x/y.git 'requests[socks]~=2.31 ; python_version>\"3\"' ./dist/a.whl 'pkg @ https://x/p.zip' -c constraints.txt --index-url https://idx x==1.* 'y>=1,<2' z===3",
        &[
            "Pip install [path:., url:git+https://github.com/x/y.git, requests (~=2.31), path:./dist/a.whl, url:pkg (https://x/p.zip), constraints:constraints.txt, x (1.*), y (>=1,<2), z (===3)] yes",
        ],
    );
    check("pip install -rreq.txt", &["Pip install [req:req.txt] yes manifest"]);
    check("pip install --requirement=req.txt", &["Pip install [req:req.txt] yes manifest"]);
    check("PIP_NO_CACHE_DIR=1 pip install x", &["Pip install [x] yes no-cache"]);
    check("PIP_NO_CACHE_DIR=0 pip install x", &["Pip install [x] yes"]);
    check("pip --no-cache-dir install x", &["Pip install [x] yes no-cache"]);
    check("uv pip install --system --no-cache ruff==0.4.1", &["Uv install [ruff (0.4.1)] yes no-cache"]);
    assert_eq!(action("pip uninstall x").map(|a| a.3), Some(false));
    assert_eq!(action("pip uninstall -y x").map(|a| a.3), Some(true));
    assert_eq!(action("pip freeze").map(|a| a.1), Some(Action::Other));
}

#[test]
fn pip_quoted_ranges_point_inside_the_quotes() {
    let src = "pip install 'django>=4.2'";
    let c = first(src);
    let Some(i) = install_command(&c, src) else {
        panic!("not an install");
    };
    let p = &i.packages[0];
    assert_eq!(&src[p.name.clone()], "django");
    assert_eq!(p.name, 13..19);
    assert_eq!(p.name_str(src), "django");
    assert_eq!(p.version_str(src).as_deref(), Some(">=4.2"));
}

#[test]
fn npm_yarn_pnpm() {
    check("sudo -u app npm i -g pnpm@9", &["Npm i [pnpm (9)] yes global"]);
    check("npm ci", &["Npm ci [] yes manifest"]);
    check("npm install --omit=dev", &["Npm install [] yes manifest"]);
    check(
        "npm install --save-dev @types/node@20.1 @scope/pkg lodash user/repo ./local https://x/y.tgz --registry https://r",
        &["Npm install [@types/node (20.1), @scope/pkg, lodash, url:user/repo, path:./local, url:https://x/y.tgz] yes"],
    );
    check("npm run build", &[]);
    check("yarn", &["Yarn yarn [] yes manifest"]);
    check("yarn install --frozen-lockfile", &["Yarn install [] yes manifest"]);
    check("yarn global add typescript@5", &["Yarn add [typescript (5)] yes global"]);
    check("yarn add -D jest", &["Yarn add [jest] yes"]);
    check("pnpm add -g pnpm@9.1.0", &["Pnpm add [pnpm (9.1.0)] yes global"]);
    check("pnpm install --frozen-lockfile", &["Pnpm install [] yes manifest"]);
    let src = "yarn cache clean && npm cache clean --force";
    let s = parse(src);
    assert!(is_clean(&s.commands[0], src, Manager::Yarn));
    assert!(!is_clean(&s.commands[0], src, Manager::Npm));
    assert!(is_clean(&s.commands[1], src, Manager::Npm));
}

#[test]
fn gem_and_go() {
    check("gem install bundler -v 2.4.22 --no-document", &["Gem install [bundler (2.4.22)] yes"]);
    check("gem install rails:7.1 rake --version=13", &["Gem install [rails (7.1), rake (13)] yes"]);
    check("gem install ./x.gem", &["Gem install [path:./x.gem] yes"]);
    check("gem install -g Gemfile", &["Gem install [] yes manifest"]);
    check(
        "go install golang.org/x/tools/gopls@v0.15.0 github.com/a/b@latest",
        &["Go install [golang.org/x/tools/gopls (v0.15.0), github.com/a/b (latest)] yes"],
    );
    check("go get -u -ldflags \"-s -w\" example.com/x", &["Go get [example.com/x] yes"]);
    check("go install ./...", &["Go install [path:./...] yes"]);
    check("go install -v", &["Go install [] yes manifest"]);
    check("go build -o /x .", &[]);
    let src = "go clean -modcache";
    assert!(is_clean(&first(src), src, Manager::Go));
}

#[test]
fn yum_dnf_microdnf() {
    check(
        "yum install -y httpd-2.4.6 java-11-openjdk-devel gcc-c++-8.5.0-4.el8 'nginx >= 1.20' /tmp/x.rpm @development",
        &[
            "Yum install [httpd (2.4.6), java-11-openjdk-devel, gcc-c++ (8.5.0-4.el8), nginx (>= 1.20), path:/tmp/x.rpm, @development] yes",
        ],
    );
    check("dnf install x", &["Dnf install [x]"]);
    check("dnf --assumeyes install x-1.0", &["Dnf install [x (1.0)] yes"]);
    check("dnf -y --setopt=tsflags=nodocs install x", &["Dnf install [x] yes"]);
    check("dnf5 install -y x", &["Dnf install [x] yes"]);
    check("microdnf install x", &["Microdnf install [x] yes"]);
    check("dnf -y group install \"Development Tools\"", &["Dnf install [Development Tools] yes"]);
    check("yum --enablerepo epel install -y x", &["Yum install [x] yes"]);

    let clean = |src: &str, m: Manager| is_clean(&first(src), src, m);
    assert!(clean("yum clean all", Manager::Yum));
    assert!(!clean("yum clean metadata", Manager::Yum));
    assert!(clean("rm -rf /var/cache/yum/*", Manager::Yum));
    assert!(clean("dnf clean all", Manager::Dnf));
    assert!(!clean("dnf clean all", Manager::Yum));
    assert!(clean("microdnf clean all", Manager::Microdnf));
    assert_eq!(action("yum update -y").map(|a| (a.1, a.3)), Some((Action::Upgrade, true)));
}

#[test]
fn zypper() {
    check("zypper -n install curl=8.0 'vim>=9'", &["Zypper install [curl (8.0), vim (>=9)] yes"]);
    check("zypper --non-interactive in x", &["Zypper in [x] yes"]);
    check("zypper install -y x", &["Zypper install [x] yes"]);
    check("zypper install --no-confirm x-1.2", &["Zypper install [x (1.2)] yes"]);
    // After the subcommand `-n` means `--name`, not non-interactive.
    check("zypper install -n x", &["Zypper install [x]"]);
    check("zypper install x", &["Zypper install [x]"]);
    assert_eq!(
        action("zypper --non-interactive dup"),
        Some((Manager::Zypper, Action::DistUpgrade, Some("dup".into()), true))
    );
    assert_eq!(action("zypper dist-upgrade").map(|a| (a.1, a.3)), Some((Action::DistUpgrade, false)));
    let clean = |src: &str| is_clean(&first(src), src, Manager::Zypper);
    assert!(clean("zypper clean -a"));
    assert!(clean("zypper cc"));
    assert!(!clean("zypper refresh"));
}

#[test]
fn expansions_are_not_names() {
    check(
        "apt-get install -y $PACKAGES \"curl=${CURL_VERSION}\" `cat list`",
        &["Apt install [expansion:$PACKAGES, curl (${CURL_VERSION}), expansion:`cat list`] yes"],
    );
    check("pip install ${PKG}==1", &["Pip install [expansion:${PKG} (1)] yes"]);
}

#[test]
fn installs_inside_sh_c_point_into_the_string() {
    let src = "sh -c 'apt-get install -y foo'";
    check(src, &["Apt install [foo] yes"]);
    let s = parse(src);
    let i = s.commands.iter().find_map(|c| install_command(c, src));
    let p = i.map(|i| i.packages[0].name.clone());
    assert_eq!(p, Some(26..29));

    // With escapes the inner words cannot be sliced from the source: ranges cover
    // the whole word, values are still exact.
    let src = r#"bash -c "pip install \"django>=4\"""#;
    let s = parse(src);
    let Some(i) = s.commands.iter().find_map(|c| install_command(c, src)) else {
        panic!("no install");
    };
    let p = &i.packages[0];
    assert_eq!(p.name_str(src), "django");
    assert_eq!(p.version_str(src).as_deref(), Some(">=4"));
    assert_eq!(&src[p.name.clone()], r#"\"django>=4\""#);
}

#[test]
fn cleanup_helpers() {
    let yes = |src: &str| is_apt_lists_cleanup(&first(src), src);
    assert!(yes("rm -rf /var/lib/apt/lists/*"));
    assert!(yes("rm -r /var/lib/apt/lists"));
    assert!(yes("rm -rf \"/var/lib/apt/lists/\"*"));
    assert!(yes("sudo rm -rf /tmp/* /var/lib/apt/lists/*"));
    assert!(!yes("rm -rf /var/lib/apt/lists-old"));
    assert!(!yes("echo rm -rf /var/lib/apt/lists/*"));
    assert!(!yes("rm -rf /tmp"));

    let clean = |src: &str, m: Manager| is_clean(&first(src), src, m);
    assert!(clean("apt-get clean", Manager::Apt));
    assert!(!clean("apt-get autoclean", Manager::Apt));
    assert!(clean("apk cache clean", Manager::Apk));
    assert!(clean("rm -rf /var/cache/apk/*", Manager::Apk));
    assert!(!clean("apk cache sync", Manager::Apk));
    assert!(clean("pip cache purge", Manager::Pip));
    assert!(clean("rm -rf $HOME/.cache/pip", Manager::Pip));
    assert!(clean("rm -rf /root/.cache/pip/*", Manager::Pip));
    assert!(clean("uv cache clean", Manager::Uv));
    assert!(clean("pnpm store prune", Manager::Pnpm));
    assert!(!clean("rm -rf /var/cache/apk/*", Manager::Apt));
}

#[test]
fn commands_that_are_not_package_managers() {
    for src in ["echo apt-get install x", "cat pip", "make install", "pipx install x", "npx create-app"] {
        let c = first(src);
        assert!(manager_command(&c, src).is_none(), "{src}");
        assert!(install_command(&c, src).is_none(), "{src}");
    }
}
