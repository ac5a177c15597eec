//! `yum-clean-all` (DL3032): `yum install` without `yum clean all`.

use super::index::Class;
use super::pkg::{CleanCheck, Leftover, name_is, report_missing_clean};
use crate::model::shell::Command;
use crate::model::shell::packages::{Action, Manager, is_clean, manager_command};
use crate::rules::{Alias, Context, Group, Rule, RuleMeta, Severity, Sink};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "yum-clean-all",
        aliases: &[Alias::all("DL3032")],
        group: Group::Hadolint,
        default_severity: Some(Severity::Info),
        summary: "`yum install` without `yum clean all` in the same RUN.",
        docs: "\
**Why**: yum keeps repository metadata and downloaded packages in /var/cache/yum; \
cleaning in a later RUN does not shrink the image, the earlier layer keeps them.\n\n\
**Example**: `RUN yum install -y httpd`\n\n\
**Fix**: `RUN yum install -y httpd && yum clean all` (the quick fix appends it). \
`rm -rf /var/cache/yum` or a cache mount there counts too.",
    },
    check,
    scope: crate::rules::Scope::Node,
};

fn install(cmd: &Command, src: &str) -> Leftover {
    if !name_is(cmd, src, |n| n == "yum") {
        return None;
    }
    let mc = manager_command(cmd, src)?;
    if mc.manager != Manager::Yum || mc.action != Action::Install {
        return None;
    }
    Some((super::pkg::manager_range(cmd, &mc)?, "yum clean all".to_string()))
}

fn check(cx: &Context<'_>, out: &mut Sink<'_>) {
    report_missing_clean(
        cx,
        out,
        &CleanCheck {
            classes: &[Class::Yum],
            install: &install,
            clean: &|cmd, src| name_is(cmd, src, |n| matches!(n, "rm" | "yum")) && is_clean(cmd, src, Manager::Yum),
            mounts: &["/var/cache/yum"],
            shipped_only: false,
            message: "Run `yum clean all` after installing, in the same RUN",
        },
    );
}
