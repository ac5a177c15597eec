//! Python packages that publish no musllinux wheel for x86-64, so `pip install` on an
//! Alpine-based image builds them from source (or cannot install them at all).
//!
//! Checked against PyPI in 2026 for CPython 3.13 on x86-64. Popular packages that do
//! ship musllinux wheels (numpy, pandas, Pillow, cryptography, lxml, scipy, grpcio,
//! psycopg2-binary, pyarrow, matplotlib, …) are deliberately absent: a rule must stay
//! silent for them. Old pinned versions may predate a project's musllinux wheels;
//! that is not captured here.

/// A package that has no musllinux wheel.
#[derive(Debug, PartialEq)]
pub struct NoMuslWheel {
    /// The PyPI name, normalised (lower case, `-` separators).
    pub package: &'static str,
    /// Alpine packages needed to build it (`apk add …`). Empty when PyPI has no source
    /// distribution either, so it cannot be installed on Alpine at all.
    pub alpine_build_deps: &'static [&'static str],
    /// True when there is no manylinux wheel either, so a Debian `-slim` image needs a
    /// compiler and headers as well.
    pub also_needs_tools_on_slim: bool,
    /// What to know, including alternatives.
    pub note: &'static str,
}

const BUILD_BASE: &str = "build-base";

static PACKAGES: &[NoMuslWheel] = &[
    // ---- database drivers ---------------------------------------------------------
    NoMuslWheel {
        package: "psycopg2",
        alpine_build_deps: &[BUILD_BASE, "libpq-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only on PyPI: it needs pg_config and the libpq headers everywhere \
               (Debian: gcc libpq-dev; on older Alpine releases the headers came from \
               postgresql-dev). psycopg2-binary and psycopg[binary] ship musllinux wheels.",
    },
    NoMuslWheel {
        package: "psycopg-c",
        alpine_build_deps: &[BUILD_BASE, "libpq-dev"],
        also_needs_tools_on_slim: true,
        note: "The C speed-up behind `psycopg[c]`, source-only. `psycopg[binary]` has \
               musllinux wheels.",
    },
    NoMuslWheel {
        package: "mysqlclient",
        alpine_build_deps: &[BUILD_BASE, "mariadb-dev", "pkgconf"],
        also_needs_tools_on_slim: true,
        note: "No Linux wheels at all; it finds the client library through pkg-config \
               (Debian: gcc default-libmysqlclient-dev pkg-config). PyMySQL is a \
               pure-Python alternative.",
    },
    NoMuslWheel {
        package: "mariadb",
        alpine_build_deps: &[BUILD_BASE, "mariadb-connector-c-dev"],
        also_needs_tools_on_slim: true,
        note: "The 1.x connector builds against MariaDB Connector/C and needs mariadb_config \
               (Debian: gcc libmariadb-dev).",
    },
    NoMuslWheel {
        package: "cx-oracle",
        alpine_build_deps: &[BUILD_BASE],
        also_needs_tools_on_slim: true,
        note: "Superseded by `oracledb`, which has musllinux wheels; cx_Oracle also needs \
               Oracle Instant Client at run time, which is built for glibc.",
    },
    // ---- servers and system bindings ----------------------------------------------
    NoMuslWheel {
        package: "uwsgi",
        alpine_build_deps: &[BUILD_BASE, "linux-headers"],
        also_needs_tools_on_slim: true,
        note: "Source-only (Debian: build-essential). The `pyuwsgi` distribution of the same \
               server publishes wheels, musllinux included.",
    },
    NoMuslWheel {
        package: "python-ldap",
        alpine_build_deps: &[BUILD_BASE, "openldap-dev", "cyrus-sasl-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only (Debian: gcc libldap2-dev libsasl2-dev). ldap3 is a pure-Python \
               alternative.",
    },
    NoMuslWheel {
        package: "pycurl",
        alpine_build_deps: &[BUILD_BASE, "curl-dev"],
        also_needs_tools_on_slim: false,
        note: "manylinux wheels exist, so slim is fine; on Alpine it compiles against \
               libcurl.",
    },
    NoMuslWheel {
        package: "confluent-kafka",
        alpine_build_deps: &[BUILD_BASE, "librdkafka-dev"],
        also_needs_tools_on_slim: false,
        note: "Builds against the system librdkafka, which must be at least as new as the \
               Python client; Alpine's packaged version often lags and the build fails.",
    },
    NoMuslWheel {
        package: "gssapi",
        alpine_build_deps: &[BUILD_BASE, "krb5-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only on Linux (Debian: gcc libkrb5-dev).",
    },
    NoMuslWheel {
        package: "kerberos",
        alpine_build_deps: &[BUILD_BASE, "krb5-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only (Debian: gcc libkrb5-dev).",
    },
    NoMuslWheel {
        package: "pykerberos",
        alpine_build_deps: &[BUILD_BASE, "krb5-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only (Debian: gcc libkrb5-dev).",
    },
    NoMuslWheel {
        package: "m2crypto",
        alpine_build_deps: &[BUILD_BASE, "openssl-dev", "swig"],
        also_needs_tools_on_slim: true,
        note: "Source-only on Linux (Debian: gcc libssl-dev swig). `cryptography` covers \
               most uses and has musllinux wheels.",
    },
    NoMuslWheel {
        package: "netifaces",
        alpine_build_deps: &[BUILD_BASE, "linux-headers"],
        also_needs_tools_on_slim: true,
        note: "Source-only and unmaintained; psutil or ifaddr (both installable without a \
               compiler) cover the same ground.",
    },
    NoMuslWheel {
        package: "dbus-python",
        alpine_build_deps: &[BUILD_BASE, "dbus-dev", "glib-dev", "pkgconf"],
        also_needs_tools_on_slim: true,
        note: "Source-only (Debian: gcc libdbus-1-dev libglib2.0-dev pkg-config).",
    },
    NoMuslWheel {
        package: "pyaudio",
        alpine_build_deps: &[BUILD_BASE, "portaudio-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only on Linux (Debian: gcc portaudio19-dev).",
    },
    // ---- graphics and GUI ---------------------------------------------------------
    NoMuslWheel {
        package: "pycairo",
        alpine_build_deps: &[BUILD_BASE, "cairo-dev", "pkgconf"],
        also_needs_tools_on_slim: true,
        note: "Source-only on Linux (Debian: gcc libcairo2-dev pkg-config).",
    },
    NoMuslWheel {
        package: "pygobject",
        alpine_build_deps: &[BUILD_BASE, "cairo-dev", "gobject-introspection-dev", "pkgconf"],
        also_needs_tools_on_slim: true,
        note: "Source-only on Linux (Debian: gcc libgirepository and libcairo2 -dev \
               packages, pkg-config).",
    },
    NoMuslWheel {
        package: "libsass",
        alpine_build_deps: &[BUILD_BASE],
        also_needs_tools_on_slim: false,
        note: "Compiles the bundled C++ libsass, which takes a while; libsass is \
               deprecated in favour of Dart Sass.",
    },
    NoMuslWheel {
        package: "opencv-python",
        alpine_build_deps: &[BUILD_BASE, "cmake", "linux-headers"],
        also_needs_tools_on_slim: false,
        note: "A source build takes a very long time and often fails; use a glibc base \
               (slim) where the manylinux wheel installs in seconds.",
    },
    NoMuslWheel {
        package: "opencv-python-headless",
        alpine_build_deps: &[BUILD_BASE, "cmake", "linux-headers"],
        also_needs_tools_on_slim: false,
        note: "A source build takes a very long time and often fails; use a glibc base \
               (slim) where the manylinux wheel installs in seconds.",
    },
    NoMuslWheel {
        package: "opencv-contrib-python",
        alpine_build_deps: &[BUILD_BASE, "cmake", "linux-headers"],
        also_needs_tools_on_slim: false,
        note: "A source build takes a very long time and often fails; use a glibc base.",
    },
    NoMuslWheel {
        package: "opencv-contrib-python-headless",
        alpine_build_deps: &[BUILD_BASE, "cmake", "linux-headers"],
        also_needs_tools_on_slim: false,
        note: "A source build takes a very long time and often fails; use a glibc base.",
    },
    // ---- science and geo ----------------------------------------------------------
    NoMuslWheel {
        package: "scikit-learn",
        alpine_build_deps: &[BUILD_BASE],
        also_needs_tools_on_slim: false,
        note: "No musllinux wheels (numpy and scipy have them); the source build is long.",
    },
    NoMuslWheel {
        package: "numba",
        alpine_build_deps: &[BUILD_BASE],
        also_needs_tools_on_slim: false,
        note: "Depends on llvmlite, which needs a matching LLVM to build; in practice use a \
               glibc base.",
    },
    NoMuslWheel {
        package: "llvmlite",
        alpine_build_deps: &[BUILD_BASE, "cmake", "llvm-dev"],
        also_needs_tools_on_slim: false,
        note: "Builds only against the specific LLVM release it targets, which Alpine rarely \
               packages; in practice use a glibc base.",
    },
    NoMuslWheel {
        package: "tables",
        alpine_build_deps: &[BUILD_BASE, "hdf5-dev"],
        also_needs_tools_on_slim: false,
        note: "PyTables: builds against the system HDF5 on Alpine.",
    },
    NoMuslWheel {
        package: "netcdf4",
        alpine_build_deps: &[BUILD_BASE, "hdf5-dev", "netcdf-dev"],
        also_needs_tools_on_slim: false,
        note: "Builds against the system HDF5 and netCDF libraries on Alpine.",
    },
    NoMuslWheel {
        package: "rasterio",
        alpine_build_deps: &[BUILD_BASE, "gdal-dev"],
        also_needs_tools_on_slim: false,
        note: "Builds against the system GDAL (gdal-config) on Alpine.",
    },
    NoMuslWheel {
        package: "fiona",
        alpine_build_deps: &[BUILD_BASE, "gdal-dev"],
        also_needs_tools_on_slim: false,
        note: "Builds against the system GDAL (gdal-config) on Alpine.",
    },
    NoMuslWheel {
        package: "gdal",
        alpine_build_deps: &[BUILD_BASE, "gdal-dev"],
        also_needs_tools_on_slim: true,
        note: "Source-only; the Python package version must match the installed libgdal \
               (Debian: g++ libgdal-dev).",
    },
    NoMuslWheel {
        package: "sentencepiece",
        alpine_build_deps: &[BUILD_BASE, "cmake", "pkgconf"],
        also_needs_tools_on_slim: false,
        note: "Compiles the C++ library from source on Alpine.",
    },
    // ---- no musllinux wheel and no source distribution ----------------------------
    NoMuslWheel {
        package: "torch",
        alpine_build_deps: &[],
        also_needs_tools_on_slim: false,
        note: "PyPI has glibc wheels only and no source distribution: pip cannot install it \
               on Alpine at all. Use a slim (Debian) base.",
    },
    NoMuslWheel {
        package: "tensorflow",
        alpine_build_deps: &[],
        also_needs_tools_on_slim: false,
        note: "PyPI has glibc wheels only and no source distribution: pip cannot install it \
               on Alpine at all. Use a slim (Debian) base.",
    },
    NoMuslWheel {
        package: "onnxruntime",
        alpine_build_deps: &[],
        also_needs_tools_on_slim: false,
        note: "PyPI has glibc wheels only and no source distribution: pip cannot install it \
               on Alpine at all. Use a slim (Debian) base.",
    },
];

/// The whole curated list.
pub fn python_packages_without_musl_wheels() -> &'static [NoMuslWheel] {
    PACKAGES
}

/// Looks up a requirement as written in a `pip install` line or requirements file:
/// `psycopg2`, `psycopg2==2.9.9`, `Python_LDAP>=3`, `uWSGI[ssl]`, `"mysqlclient<3"`,
/// `psycopg[c]` (which compiles), `pkg @ https://…`, `pkg; python_version < "3.12"`.
/// `None` for packages that install from a wheel on Alpine, and for anything that is
/// not a requirement (options, paths, URLs).
pub fn no_musl_wheel(package: &str) -> Option<&'static NoMuslWheel> {
    let (name, extras) = parse_requirement(package)?;
    if name == "psycopg" && extras.iter().any(|e| e == "c") {
        return PACKAGES.iter().find(|p| p.package == "psycopg-c");
    }
    PACKAGES.iter().find(|p| p.package == name)
}

/// Splits a requirement into its normalised name and extras.
fn parse_requirement(req: &str) -> Option<(String, Vec<String>)> {
    let req = req.trim().trim_matches(|c| c == '"' || c == '\'').split([';', '#']).next().unwrap_or("").trim();
    let first = req.chars().next()?;
    if !first.is_ascii_alphanumeric() {
        return None; // -r, --hash, ./local/path, …
    }
    let name_len =
        req.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(req.len());
    let (raw_name, rest) = req.split_at(name_len);
    if rest.starts_with(':') {
        return None; // a URL such as https://…
    }
    let name = normalize_name(raw_name);
    let mut extras = Vec::new();
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('[') {
        let inner = inner.split(']').next().unwrap_or("");
        extras = inner.split(',').map(normalize_name).filter(|e| !e.is_empty()).collect();
    }
    Some((name, extras))
}

/// PEP 503: lower case, runs of `-`, `_` and `.` become one `-`.
fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            pending_sep = !out.is_empty();
        } else {
            if pending_sep {
                out.push('-');
                pending_sep = false;
            }
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}
