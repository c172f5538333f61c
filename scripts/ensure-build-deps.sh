#!/usr/bin/env bash
# Installs what building HiGHS through highs-sys needs, when it is missing:
# cmake (to build HiGHS) and libclang (for bindgen). Debian/Ubuntu only;
# elsewhere, install them with your package manager.
set -euo pipefail

have_libclang() {
    local f
    # libclang itself (libclang.so*, libclang-NN.so*), not libclang-cpp, which
    # some images ship without it and which bindgen cannot use.
    for f in /usr/lib/llvm-*/lib/libclang.so* /usr/lib/llvm-*/lib/libclang-[0-9]*.so* \
        /usr/lib/*-linux-gnu/libclang.so* /usr/lib/*-linux-gnu/libclang-[0-9]*.so* \
        /usr/lib64/libclang.so* /usr/lib64/libclang-[0-9]*.so*; do
        [ -e "$f" ] && return 0
    done
    return 1
}

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
have_libclang || missing+=(libclang-dev)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
"$(dirname "$0")/apt-install.sh" "building HiGHS" "${missing[@]}"
