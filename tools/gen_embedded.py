#!/usr/bin/env python3
"""Regenerates crates/dict/src/atalaya/embedded.rs from the files in dictionaries/."""
import os, sys
root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = os.path.join(root, 'dictionaries')
files = []
for dp, dn, fn in os.walk(d):
    dn[:] = sorted(x for x in dn if not x.startswith('.'))
    for f in fn:
        if f.endswith('.txt') and not f.startswith('.'):
            files.append(os.path.relpath(os.path.join(dp, f), d))
files.sort()
out = ['//! The default dictionaries (`dictionaries/` at the repository root), embedded in the binary.',
       '//! Keep this list in step with the folder: a test fails when a file is missing here.',
       '',
       '/// `(path relative to dictionaries/, contents)`, in sorted path order (the load order).',
       'pub(crate) const DEFAULT_FILES: &[(&str, &str)] = &[']
for f in files:
    out.append(f'    (\n        "{f}",\n        include_str!("../../../../dictionaries/{f}"),\n    ),')
out.append('];')
open(os.path.join(root, 'crates/dict/src/atalaya/embedded.rs'), 'w').write('\n'.join(out) + '\n')
print(len(files), 'files')
