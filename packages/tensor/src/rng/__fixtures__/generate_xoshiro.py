"""Reference outputs for packages/tensor/src/rng, written independently of the TypeScript code.

Run from the repository root:  python3 packages/tensor/src/rng/__fixtures__/generate_xoshiro.py
It rewrites xoshiro.json beside this file.

The generator is xoshiro128** 1.1 as published by Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c
(next, jump, long_jump). Python integers masked to 32 bits stand in for uint32_t. The seeding (two splitmix32
streams), the split rule and the integer/float conversions follow the JSDoc of the TypeScript sources; this script
restates them from that specification, so a drift on either side fails the tests.
"""

import json
import os

MASK = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


class Xoshiro128StarStar:
    JUMP = (0x8764000B, 0xF542D2D3, 0x6FA035C3, 0x77F2DB5B)
    LONG_JUMP = (0xB523952E, 0x0B6F099F, 0xCCF5A0EF, 0x1C580662)

    def __init__(self, words):
        self.s = [w & MASK for w in words]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 9) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def _jump(self, table):
        acc = [0, 0, 0, 0]
        for word in table:
            for b in range(32):
                if word & (1 << b):
                    acc = [a ^ x for a, x in zip(acc, self.s)]
                self.next()
        self.s = acc

    def jump(self):
        self._jump(self.JUMP)

    def long_jump(self):
        self._jump(self.LONG_JUMP)


def self_check():
    """Test data made with the C reference by an unrelated project (github.com/edorfaus/xoshiro-6502,
    test-rom/testdata.asm): the state, its xoshiro128** output for four steps, and four successive jumps."""
    g = Xoshiro128StarStar([0x964D4A0C, 0xD40AB895, 0xAD7FDECB, 0x3006F0F0])
    assert [g.next() for _ in range(4)] == [0xF1391922, 0x6FE53806, 0xA5BE2840, 0xF510EE70]
    assert g.s == [0xFC65379C, 0x52006D70, 0x87487639, 0xF1908343]
    g = Xoshiro128StarStar([0x964D4A0C, 0xD40AB895, 0xAD7FDECB, 0x3006F0F0])
    g.jump()
    assert g.s == [0x2A6DD50D, 0x01177499, 0xD7EB7D01, 0xDDC48284]
    g = Xoshiro128StarStar([0x964D4A0C, 0xD40AB895, 0xAD7FDECB, 0x3006F0F0])
    g.long_jump()
    assert g.s == [0x2564E401, 0x3319CF31, 0xBDBB52E4, 0x3401980C]


class SplitMix32:
    """Weyl sequence with increment 0x9e3779b9 and Wellons' hash-prospector finalizer (16, 0x21f0aaad, 15,
    0x735a2d97, 15); the increment comes first, so the first output is mix(seed + 0x9e3779b9)."""

    def __init__(self, seed):
        self.z = seed & MASK

    def next(self):
        self.z = (self.z + 0x9E3779B9) & MASK
        t = self.z
        t = ((t ^ (t >> 16)) * 0x21F0AAAD) & MASK
        t = ((t ^ (t >> 15)) * 0x735A2D97) & MASK
        return t ^ (t >> 15)


def seed_words(seed):
    """A safe integer seed as 64-bit two's complement: stream A counts from lo, stream B from hi ^ A1,
    and the state is [A1, B1, A2, B2]."""
    as64 = seed % (1 << 64)
    lo, hi = as64 & MASK, as64 >> 32
    a = SplitMix32(lo)
    a1 = a.next()
    b = SplitMix32(hi ^ a1)
    b1 = b.next()
    return [a1, b1, a.next(), b.next()]


class Generator:
    """The state a createRng generator carries: xoshiro words plus the split level (0, 1, 2)."""

    def __init__(self, words, level=0):
        self.x = Xoshiro128StarStar(words)
        self.level = level

    @staticmethod
    def from_seed(seed):
        return Generator(seed_words(seed))

    def split(self):
        if self.level < 2:
            child = Generator(list(self.x.s), self.level + 1)
            if self.level == 0:
                self.x.long_jump()
            else:
                self.x.jump()
            return child
        words = [SplitMix32(self.x.next()).next() for _ in range(4)]
        return Generator(words, 0)

    def u32(self):
        return self.x.next()

    def f24(self):
        return (self.u32() >> 8) / 2**24

    def f53(self):
        a = self.u32() >> 5
        b = self.u32() >> 6
        return (a * 2**26 + b) / 2**53

    def below(self, n):
        if n <= 2**21:
            m = self.u32() * n
            low = m & MASK
            if low < n:
                t = (2**32 - n) % n
                while low < t:
                    m = self.u32() * n
                    low = m & MASK
            return m >> 32
        if n <= 2**32:
            limit = 2**32 - 2**32 % n
            while True:
                x = self.u32()
                if x < limit:
                    return x % n
        limit = 2**53 - 2**53 % n
        while True:
            a = self.u32() >> 5
            b = self.u32() >> 6
            x = a * 2**26 + b
            if x < limit:
                return x % n

    def permutation(self, n):
        items = list(range(n))
        for i in range(n - 1):
            j = i + self.below(n - i)
            items[i], items[j] = items[j], items[i]
        return items


def main():
    self_check()
    fixture = {"source": "generate_xoshiro.py (xoshiro128** 1.1, https://prng.di.unimi.it/xoshiro128starstar.c)"}

    states = [[1, 2, 3, 4], [0x964D4A0C, 0xD40AB895, 0xAD7FDECB, 0x3006F0F0], [0xFFFFFFFF, 0, 0x80000000, 0x12345678]]
    raw = []
    for words in states:
        g = Xoshiro128StarStar(words)
        outputs = [g.next() for _ in range(16)]
        jumped = Xoshiro128StarStar(words)
        jumped.jump()
        long_jumped = Xoshiro128StarStar(words)
        long_jumped.long_jump()
        raw.append(
            {
                "words": words,
                "outputs": outputs,
                "wordsAfter16": g.s,
                "jumped": jumped.s,
                "longJumped": long_jumped.s,
            }
        )
    fixture["raw"] = raw

    seeds = [0, 1, 2, 42, 123456789, 2**32 - 1, 2**32, 2**32 + 5, -1, -2**31, 2**53 - 1, -(2**53 - 1)]
    seeded = []
    for seed in seeds:
        g = Generator.from_seed(seed)
        words = list(g.x.s)
        seeded.append({"seed": seed, "words": words, "outputs": [g.u32() for _ in range(8)]})
    fixture["seeded"] = seeded

    g = Generator.from_seed(42)
    fixture["floats"] = {
        "seed": 42,
        "float24": [g.f24() for _ in range(6)],
        "float53": [g.f53() for _ in range(6)],
    }

    integers = []
    for n in [1, 2, 10, 1000, 2**21, 2**21 + 1, 3_000_000_019 % 2**32, 2**32, 2**40 + 3, 2**53]:
        g = Generator.from_seed(7)
        integers.append({"seed": 7, "n": n, "values": [g.below(n) for _ in range(8)]})
    fixture["below"] = integers

    g = Generator.from_seed(2024)
    fixture["permutation"] = {"seed": 2024, "n": 20, "values": g.permutation(20)}

    # A split tree: root -> a (level 1) -> b (level 2) -> c (hashed: a fresh root), with draws in between.
    root = Generator.from_seed(99)
    root_first = root.u32()
    a = root.split()
    b = a.split()
    c = b.split()
    fixture["split"] = {
        "seed": 99,
        "rootFirst": root_first,
        "root": {"words": list(root.x.s), "level": root.level, "outputs": [root.u32() for _ in range(4)]},
        "a": {"words": list(a.x.s), "level": a.level, "outputs": [a.u32() for _ in range(4)]},
        "b": {"words": list(b.x.s), "level": b.level, "outputs": [b.u32() for _ in range(4)]},
        "c": {"words": list(c.x.s), "level": c.level, "outputs": [c.u32() for _ in range(4)]},
    }

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xoshiro.json")
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
