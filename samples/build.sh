#!/usr/bin/env bash
# Rebuild every piflow sample APK from its apktool source tree.
#
#   bash samples/build.sh            # all apps
#   bash samples/build.sh login      # only the named apps
#   bash samples/build.sh formats    # only samples/formats/ (tracker as .apks, .xapk, .aab, decoded folder)
#
# For each app: copy samples/<app>/src to a scratch directory, `apktool b`,
# reset every zip entry's timestamp to a fixed date, zipalign, sign with
# the throwaway test key in samples/keys/sample.jks, verify, and write
# samples/<app>/<app>.apk. The source tree is never modified.
#
# Needs: apktool (Debian's, with android-framework-res), zipalign, apksigner,
# python3. keytool (default-jdk-headless) only to recreate the key.
set -euo pipefail

SAMPLES_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
ALL_APPS=(tracker tracker-v2 weather invite login notes shop insecure gated ungated rn-style uniapp-style packed formats)

# Throwaway test key; it signs nothing but these fixtures (see README.md).
KEYSTORE="${SAMPLES_DIR}/keys/sample.jks"
KEYSTORE_PASS="piflow-sample"
KEY_ALIAS="sample"

# The framework apktool links resources against: Debian's android-framework-res
# (API 29), the same file the apktool wrapper installs as its default framework.
# It is passed explicitly so a framework installed with `apktool if` cannot
# change the output.
FRAMEWORK_APK="/usr/share/android-framework-res/framework-res.apk"

die() {
    printf 'build.sh: %s\n' "$*" >&2
    exit 1
}

for tool in apktool zipalign apksigner python3; do
    command -v "${tool}" >/dev/null 2>&1 || die "missing tool: ${tool} (see samples/README.md)"
done
[[ -f "${FRAMEWORK_APK}" ]] || die "missing ${FRAMEWORK_APK} (apt-get install android-framework-res)"
[[ -f "${KEYSTORE}" ]] || die "missing ${KEYSTORE} (see samples/README.md to recreate it)"

if (($# > 0)); then
    APPS=("$@")
else
    APPS=("${ALL_APPS[@]}")
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/piflow-samples.XXXXXX")"
trap 'rm -rf -- "${WORK}"' EXIT

mkdir -p -- "${WORK}/framework"
ln -s -- "${FRAMEWORK_APK}" "${WORK}/framework/1.apk"

# Rewrite a zip with every entry dated 1981-01-01 00:00:00, keeping entry
# order and compression, so the same sources give the same bytes.
normalize_zip() {
    python3 - "$1" "$2" <<'PY'
import sys
import zipfile

src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for info in zin.infolist():
        out = zipfile.ZipInfo(info.filename, date_time=(1981, 1, 1, 0, 0, 0))
        out.create_system = 3  # unix
        out.external_attr = 0o100644 << 16  # regular file, rw-r--r--
        out.compress_type = info.compress_type
        zout.writestr(out, zin.read(info.filename), compresslevel=9)
PY
}

for app in "${APPS[@]}"; do
    if [[ "${app}" == formats ]]; then
        # built from the committed tracker.apk (after it, when all are built): aapt2 and apktool
        command -v aapt2 >/dev/null 2>&1 || die "missing tool: aapt2 (apt-get install aapt)"
        printf 'building formats\n'
        python3 "${SAMPLES_DIR}/formats/make_formats.py"
        continue
    fi
    src="${SAMPLES_DIR}/${app}/src"
    [[ -d "${src}" ]] || die "no such sample: ${app}"
    printf 'building %s\n' "${app}"

    tree="${WORK}/${app}"
    cp -R -- "${src}" "${tree}"
    # apktool leaves build/ and dist/ behind when run in place; never reuse them.
    rm -rf -- "${tree}/build" "${tree}/dist"

    # apktool's log is noisy (it always warns that it falls back to the aapt on
    # $PATH); show it only when the build fails.
    if ! apktool build --frame-path "${WORK}/framework" \
        --output "${WORK}/${app}.unsigned.apk" "${tree}" >"${WORK}/${app}.log" 2>&1; then
        cat -- "${WORK}/${app}.log" >&2
        die "apktool failed for ${app}"
    fi
    normalize_zip "${WORK}/${app}.unsigned.apk" "${WORK}/${app}.normalized.apk"
    zipalign -f 4 "${WORK}/${app}.normalized.apk" "${WORK}/${app}.aligned.apk"
    apksigner sign \
        --ks "${KEYSTORE}" --ks-pass "pass:${KEYSTORE_PASS}" --ks-key-alias "${KEY_ALIAS}" \
        --v4-signing-enabled false \
        --out "${WORK}/${app}.apk" "${WORK}/${app}.aligned.apk"
    apksigner verify "${WORK}/${app}.apk"

    mv -f -- "${WORK}/${app}.apk" "${SAMPLES_DIR}/${app}/${app}.apk"
    printf '  -> %s\n' "${SAMPLES_DIR}/${app}/${app}.apk"
done
