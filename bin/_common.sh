# Shared set-up for bin/demo and bin/test: find or install what the addon needs.
# Sourced, not executed. Every step is idempotent and quiet when nothing is missing.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/.build"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hr_performance"
ODOO_BRANCH=18.0
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
mkdir -p "$BUILD"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

PYTHON="${PYTHON:-python3}"

# Runs apt-get install for the given Debian packages (root, or sudo if available).
apt_install() {
    command -v apt-get >/dev/null || return 1
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo -n"
    say "Installing Debian packages: $*"
    if [ ! -f "$BUILD/.apt-updated" ]; then
        $sudo apt-get update -qq >/dev/null && touch "$BUILD/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Makes sure a PostgreSQL server answers on the local socket for the current user.
ensure_postgres() {
    if ! command -v pg_isready >/dev/null; then
        apt_install postgresql postgresql-client || die "PostgreSQL is not installed and apt-get could not install it."
    fi
    if ! pg_isready -q; then
        local version
        version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
        [ -n "$version" ] || die "No PostgreSQL cluster found; create one (pg_createcluster) and retry."
        say "Starting PostgreSQL $version"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
            || pg_ctlcluster "$version" main start \
            || die "Could not start PostgreSQL $version."
        for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not come up."
    fi
    # Odoo connects as the current OS user; create that role when it is missing.
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        say "Creating PostgreSQL role $(id -un)"
        su postgres -c "createuser --superuser $(id -un)" 2>/dev/null \
            || sudo -n -u postgres createuser --superuser "$(id -un)" \
            || die "Could not create a PostgreSQL role for $(id -un)."
    fi
}

odoo_is_importable() {
    # odoo.http pulls in most of Odoo's requirements: a tree without them is not usable.
    "$PYTHON" -c 'import sys, odoo.release as r, odoo.http; sys.exit(r.version_info[0] != 18)' >/dev/null 2>&1
}

# Installs Odoo's Python requirements from a source tree (newest-Python pins, see the helper).
install_odoo_requirements() {
    local src="$1" reqs="$BUILD/odoo-requirements.txt"
    "$PYTHON" "$REPO/bin/odoo_requirements.py" "$src/requirements.txt" >"$reqs"
    say "Installing Odoo's Python requirements"
    "$PYTHON" -m pip install -q -r "$reqs" || die "Could not install Odoo's requirements ($reqs)."
}

# Odoo 18: importable already, else $ODOO_SRC, else a clone of the official 18.0 branch.
ensure_odoo() {
    if odoo_is_importable; then
        return
    fi
    local src="${ODOO_SRC:-}"
    if [ -z "$src" ]; then
        src="$CACHE/odoo-$ODOO_BRANCH"
        if [ ! -f "$src/odoo/release.py" ]; then
            say "Odoo 18 is not importable and ODOO_SRC is not set: cloning $ODOO_GIT_URL ($ODOO_BRANCH)"
            mkdir -p "$CACHE"
            git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$src" 2>/dev/null || {
                rm -rf "$src"
                die "Odoo 18 was not found. Provide it in one of these ways and retry:
  - install it so that 'python3 -c \"import odoo\"' works (pip install -e <odoo source tree>), or
  - export ODOO_SRC=/path/to/odoo-18.0 (a source tree with odoo-bin), or
  - give this machine access to $ODOO_GIT_URL."
            }
        fi
    fi
    [ -f "$src/odoo/release.py" ] || die "ODOO_SRC=$src is not an Odoo source tree (no odoo/release.py)."
    export PYTHONPATH="$src${PYTHONPATH:+:$PYTHONPATH}"
    if ! odoo_is_importable; then
        install_odoo_requirements "$src"
        odoo_is_importable || die "Odoo in $src does not import; see the errors above."
    fi
}

# The addon's own Python dependencies and the test and lint tools, pinned.
ensure_python_deps() {
    local stamp="$BUILD/.python-deps" sum
    sum="$(cat "$REPO/requirements.txt" "$REPO/requirements-dev.txt" | sha1sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ] || ! "$PYTHON" -c 'import xlsxwriter, pytest, openpyxl, hypothesis' 2>/dev/null; then
        say "Installing Python requirements"
        "$PYTHON" -m pip install -q -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt" \
            || die "Could not install the Python requirements."
        echo "$sum" >"$stamp"
    fi
}

# Debian tools used by reports (wkhtmltopdf) and browser tours (chromium).
ensure_system_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" || die "Please install: ${missing[*]}"
}

# Odoo finds addons by folder name: expose the repository as <dir>/hr_performance. The
# directory lives outside the repository so that Odoo's term export (os.walk with
# followlinks) does not loop through the link back into the repository.
ADDONS_LINK_DIR="$CACHE/addons/$(printf '%s' "$REPO" | md5sum | cut -c1-12)"
ensure_addons_path() {
    # Earlier checkouts linked the addon from inside the repository (.build/addons).
    if [ -L "$BUILD/addons/hr_performance" ]; then rm -rf "$BUILD/addons"; fi
    mkdir -p "$ADDONS_LINK_DIR"
    ln -sfn "$REPO" "$ADDONS_LINK_DIR/hr_performance"
    local odoo_paths
    odoo_paths="$("$PYTHON" - <<'PY'
import os, odoo
root = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(root, "addons"), os.path.normpath(os.path.join(root, "..", "addons"))]
print(",".join(p for p in paths if os.path.isdir(os.path.join(p, "web")) or os.path.isdir(os.path.join(p, "base"))))
PY
)"
    ADDONS_PATH="$ADDONS_LINK_DIR,$odoo_paths"
    export ADDONS_PATH
    # The same addons path for pytest-odoo (pyproject.toml: --odoo-config).
    printf '[options]\naddons_path = %s\n' "$ADDONS_PATH" >"$BUILD/odoo.conf"
}

# python -m odoo [shell] with the addons path; extra arguments are passed through.
odoo_run() {
    local command=()
    if [ "${1:-}" = shell ]; then command=(shell); shift; fi
    "$PYTHON" -m odoo "${command[@]}" --addons-path="$ADDONS_PATH" "$@"
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
