//! End-of-life verdicts from endoflife.date release cycles.

use super::data::{Data, Milestone, Product, Release, numeric_parts};
use super::date::Date;
use super::parse::Base;
use super::types::{OsFamily, Support, SupportStatus};

/// How long before the end of support a release counts as ending soon.
const ENDING_SOON_MONTHS: u32 = 6;

/// The release cycle a version belongs to: the longest cycle whose numbers start the
/// version's numbers ("3.12.14" → "3.12", "22.23.2" → "22", "8.0" → "8").
pub(super) fn find_release(product: &Product, parts: &[u32]) -> Option<usize> {
    product
        .releases()
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.cycle_parts.is_empty() && parts.starts_with(&r.cycle_parts))
        .max_by_key(|(_, r)| r.cycle_parts.len())
        .map(|(i, _)| i)
}

/// Judges one release cycle on `today`.
pub(super) fn judge(product: &Product, release: &Release, today: Date) -> Support {
    // Debian LTS is run by volunteers and free; extended support elsewhere (Ubuntu ESM,
    // commercial Node.js support …) needs a subscription.
    let paid = product.slug != "debian";
    let status = match release.eol {
        Milestone::On(eol) if today >= eol => match release.eoes {
            Milestone::On(eoes) if today < eoes => SupportStatus::ExtendedOnly { eol, eoes: Some(eoes), paid },
            _ => SupportStatus::EndOfLife { since: Some(eol) },
        },
        Milestone::On(eol) if today.add_months(ENDING_SOON_MONTHS) >= eol => SupportStatus::EndingSoon { date: eol },
        Milestone::On(_) | Milestone::No => SupportStatus::Supported,
        Milestone::Reached => SupportStatus::EndOfLife { since: None },
    };
    let lts = match release.lts {
        Milestone::Reached => true,
        Milestone::On(from) => today >= from,
        Milestone::No => false,
    };
    Support {
        product: product.slug.to_owned(),
        title: product.title.to_owned(),
        cycle: release.cycle.to_owned(),
        codename: (!release.codename.is_empty()).then(|| release.codename.to_owned()),
        release_date: release.release_date,
        eoas: release.eoas.date(),
        eol: release.eol.date(),
        eoes: release.eoes.date(),
        lts,
        latest: (!release.latest.is_empty()).then(|| release.latest.to_owned()),
        status,
    }
}

/// Support of a product's release for a version string.
pub(super) fn support_for_version(data: &Data, slug: &str, version: &str, today: Date) -> Option<Support> {
    let product = data.product(slug)?;
    let parts = numeric_parts(version)?;
    let index = find_release(product, &parts)?;
    Some(judge(product, &product.releases()[index], today))
}

/// Support of the OS release under an image, where endoflife.date tracks it.
pub(super) fn os_support(data: &Data, base: &Base, today: Date) -> Option<Support> {
    let version = base.os.version.as_deref()?;
    let slug = match (base.os.family, base.os.name.as_str()) {
        (OsFamily::Debian, _) => "debian",
        (OsFamily::Ubuntu, _) => "ubuntu",
        (OsFamily::Alpine, _) => "alpine-linux",
        (OsFamily::AmazonLinux, _) => "amazon-linux",
        (OsFamily::Fedora, _) => "fedora",
        (OsFamily::RhelLike, "Oracle Linux") => "oracle-linux",
        (OsFamily::RhelLike, "Rocky Linux") => "rocky-linux",
        (OsFamily::RhelLike, "AlmaLinux") => "almalinux",
        (OsFamily::Windows, name) => return windows_support(data, name, version, today),
        _ => return None,
    };
    support_for_version(data, slug, version, today)
}

fn windows_support(data: &Data, name: &str, release: &str, today: Date) -> Option<Support> {
    let slug = if name.contains("Nano") { "windows-nano-server" } else { "windows-server-core" };
    let product = data.product(slug)?;
    let cycle = release.strip_prefix("ltsc").unwrap_or(release);
    let found = product.releases().iter().find(|r| r.cycle == cycle)?;
    Some(judge(product, found, today))
}
