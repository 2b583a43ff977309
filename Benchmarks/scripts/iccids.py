#!/usr/bin/env python3
"""The benchmark scripts' ICCIDs: 19 digits, 89 44 53 then a 12-digit serial from 0,
with a correct Luhn check digit. As a program: `iccids.py COUNT` prints them one a
line; as a module: `iccids(count)` returns them."""
import sys


def luhn(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def iccids(count):
    return [body + str(luhn(body)) for body in ("894453%012d" % n for n in range(count))]


if __name__ == "__main__":
    sys.stdout.write("".join(iccid + "\n" for iccid in iccids(int(sys.argv[1]))))
