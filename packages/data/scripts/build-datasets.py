#!/usr/bin/env python3
"""Builds the datasets that @descent/data ships, from scikit-learn's CSV copies.

Source: Debian's python3-sklearn (scikit-learn 1.2.1), which carries the classic tables as CSV in
/usr/lib/python3/dist-packages/sklearn/datasets/data/. Install it with `apt-get install -y python3-sklearn`, then run

    /usr/bin/python3 packages/data/scripts/build-datasets.py [DATA_DIR]

from the repository root (or `pnpm --filter @descent/data build-datasets`). Only the standard library is used.

Encoding, per dataset (decoded by src/builtin/decode-table.ts):
  - each feature column is stored as exact decimal integers: with d the most decimal places in the column's CSV text,
    v = value * 10^d is an integer, so `v / 10^d` in float64 is the same double that parsing the CSV text gives;
  - v minus the column minimum is written in 1, 2 or 4 little-endian byte planes (all low bytes of the column, then
    the next byte of each, ...), columns one after another; then one byte per label;
  - the whole payload is compressed with raw DEFLATE (zlib level 9, no header) and written as base64 into
    src/builtin/generated/<name>.ts, loaded with a dynamic import so that unused datasets stay out of bundles.

It also writes src/builtin/__fixtures__/checksums.json: SHA-256 digests of the float32 and float64 features and int32
labels,
computed here straight from the CSV text (not from the encoding), so the tests check the decoder bit for bit without
needing the Debian package.
"""

import base64
import csv
import gzip
import hashlib
import io
import json
import struct
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

DEFAULT_DATA_DIR = Path('/usr/lib/python3/dist-packages/sklearn/datasets/data')
PACKAGE = Path(__file__).resolve().parent.parent
OUT_DIR = PACKAGE / 'src' / 'builtin' / 'generated'
FIXTURES = PACKAGE / 'src' / 'builtin' / '__fixtures__' / 'checksums.json'
SOURCE_NOTE = 'scikit-learn 1.2.1 (Debian python3-sklearn)'

# scikit-learn's names for the 30 features: the mean, the standard error and the worst of ten nucleus measurements.
NUCLEUS_MEASUREMENTS = (
    'radius',
    'texture',
    'perimeter',
    'area',
    'smoothness',
    'compactness',
    'concavity',
    'concave points',
    'symmetry',
    'fractal dimension',
)
BREAST_CANCER_FEATURES = (
    [f'mean {name}' for name in NUCLEUS_MEASUREMENTS]
    + [f'{name} error' for name in NUCLEUS_MEASUREMENTS]
    + [f'worst {name}' for name in NUCLEUS_MEASUREMENTS]
)

# name, CSV file, feature names, class names (None: taken from the CSV's first line), title for the module comment.
DATASETS = [
    (
        'iris',
        'iris.csv',
        ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
        None,
        'Iris plants (Fisher 1936)',
    ),
    (
        'wine',
        'wine_data.csv',
        [
            'alcohol',
            'malic_acid',
            'ash',
            'alcalinity_of_ash',
            'magnesium',
            'total_phenols',
            'flavanoids',
            'nonflavanoid_phenols',
            'proanthocyanins',
            'color_intensity',
            'hue',
            'od280/od315_of_diluted_wines',
            'proline',
        ],
        ['class_0', 'class_1', 'class_2'],
        'Wine recognition (Forina et al., UCI)',
    ),
    (
        'breast-cancer',
        'breast_cancer.csv',
        BREAST_CANCER_FEATURES,
        None,
        'Breast cancer Wisconsin, diagnostic (Street, Wolberg & Mangasarian 1993)',
    ),
    (
        'digits',
        'digits.csv.gz',
        [f'pixel_{row}_{column}' for row in range(8) for column in range(8)],
        [str(digit) for digit in range(10)],
        'Optical recognition of handwritten digits, 8x8 (Alpaydin & Kaynak 1998)',
    ),
]


def read_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode('ascii') if path.suffix == '.gz' else raw.decode('ascii')
    return [row for row in csv.reader(io.StringIO(text)) if row]


def decimals_of(cell: str) -> int:
    exponent = Decimal(cell).as_tuple().exponent
    return max(0, -exponent)


def encode_column(cells: list[str]) -> tuple[dict, bytes]:
    decimals = max(decimals_of(cell) for cell in cells)
    integers = []
    for cell in cells:
        scaled = Decimal(cell).scaleb(decimals)
        if scaled != scaled.to_integral_value():
            raise SystemExit(f'{cell!r} is not an integer after scaling by 10^{decimals}')
        integers.append(int(scaled))
    offset = min(integers)
    span = max(integers) - offset
    width = 1 if span < 2**8 else 2 if span < 2**16 else 4
    if span >= 2**32:
        raise SystemExit(f'a column spans {span}, more than 4 bytes')
    planes = bytearray()
    for plane in range(width):
        planes += bytes(((value - offset) >> (8 * plane)) & 0xFF for value in integers)
    return {'decimals': decimals, 'offset': offset, 'bytes': width}, bytes(planes)


def deflate_raw(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return compressor.compress(data) + compressor.flush()


def ts_string(value: str) -> str:
    return "'" + value.replace('\\', '\\\\').replace("'", "\\'") + "'"


def build(data_dir: Path, name: str, file: str, feature_names: list[str], class_names, title: str) -> dict:
    path = data_dir / file
    rows = read_rows(path)
    if class_names is None:
        # The first line reads "samples,features,class name,...", as scikit-learn's load_csv_data expects.
        head, body = rows[0], rows[1:]
        samples, features, class_names = int(head[0]), int(head[1]), head[2:]
    else:
        # digits.csv.gz has no such line; wine's lists class names that we keep as given.
        has_head = len(rows[0]) != len(rows[1])
        body = rows[1:] if has_head else rows
        samples, features = len(body), len(body[0]) - 1
    if len(body) != samples or any(len(row) != features + 1 for row in body):
        raise SystemExit(f'{file}: expected {samples} rows of {features} features and a label')
    if len(feature_names) != features:
        raise SystemExit(f'{file}: {len(feature_names)} feature names for {features} features')
    labels = [int(row[features]) for row in body]
    if min(labels) < 0 or max(labels) >= len(class_names):
        raise SystemExit(f'{file}: labels outside [0, {len(class_names)})')

    columns, payload = [], bytearray()
    for column in range(features):
        meta, planes = encode_column([row[column] for row in body])
        columns.append(meta)
        payload += planes
    payload += bytes(labels)
    compressed = deflate_raw(bytes(payload))
    encoded = base64.b64encode(compressed).decode('ascii')

    column_lines = ''.join(
        f"    {{ decimals: {c['decimals']}, offset: {c['offset']}, bytes: {c['bytes']} }},\n" for c in columns
    )
    names = ''.join(f'    {ts_string(feature)},\n' for feature in feature_names)
    classes = ''.join(f'    {ts_string(label)},\n' for label in class_names)
    module = (
        f'// Generated by packages/data/scripts/build-datasets.py from {file}, {SOURCE_NOTE}.\n'
        '// Do not edit: run the script again. Sources and licences: packages/data/NOTICE.md.\n'
        "import type { EncodedTable } from '../decode-table.js';\n"
        '\n'
        f'/** {title}: {samples} samples, {features} features, {len(class_names)} classes. */\n'
        'export const table: EncodedTable = {\n'
        f'  samples: {samples},\n'
        '  featureNames: [\n'
        f'{names}'
        '  ],\n'
        '  classNames: [\n'
        f'{classes}'
        '  ],\n'
        '  columns: [\n'
        f'{column_lines}'
        '  ],\n'
        f'  // {len(payload)} bytes, raw DEFLATE to {len(compressed)} bytes, base64.\n'
        f'  payload:\n    {ts_string(encoded)},\n'
        '};\n'
    )
    out = OUT_DIR / f'{name}.ts'
    out.write_text(module)

    # Checksums straight from the CSV text: float(text) rounded to float32, as JavaScript's Math.fround(Number(text)).
    x_bytes = b''.join(struct.pack('<f', float(row[column])) for row in body for column in range(features))
    x64_bytes = b''.join(struct.pack('<d', float(row[column])) for row in body for column in range(features))
    y_bytes = struct.pack(f'<{samples}i', *labels)
    counts = [labels.count(label) for label in range(len(class_names))]
    print(f'{name}: {samples} x {features}, {len(payload)} -> {len(compressed)} bytes deflated, '
          f'{len(encoded)} base64, module {out.stat().st_size} bytes')
    return {
        'file': file,
        'fileSha256': hashlib.sha256(path.read_bytes()).hexdigest(),
        'samples': samples,
        'features': features,
        'classCounts': counts,
        'xFloat32Sha256': hashlib.sha256(x_bytes).hexdigest(),
        'xFloat64Sha256': hashlib.sha256(x64_bytes).hexdigest(),
        'yInt32Sha256': hashlib.sha256(y_bytes).hexdigest(),
        'deflatedBytes': len(compressed),
        'base64Bytes': len(encoded),
        'moduleBytes': out.stat().st_size,
    }


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise SystemExit(f'{data_dir} not found: apt-get install -y python3-sklearn, or pass the data folder')
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    FIXTURES.parent.mkdir(parents=True, exist_ok=True)
    checksums = {spec[0]: build(data_dir, *spec) for spec in DATASETS}
    FIXTURES.write_text(json.dumps(checksums, indent=2) + '\n')
    # The modules are written close to Biome's format; let Biome settle the rest when it is installed.
    repo = PACKAGE.parent.parent
    try:
        subprocess.run(['npx', '--no-install', 'biome', 'format', '--write', str(OUT_DIR)], cwd=repo, check=False)
    except FileNotFoundError:
        print('npx not found: run `pnpm format` before committing')


if __name__ == '__main__':
    main()
