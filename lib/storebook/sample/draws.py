"""Random streams and the small array helpers the generator's stages share.

Streams are keyed by (seed, purpose, month …): the same arguments give the same store, and
a purpose's draws do not depend on how many another purpose made. Within a month, the
orders, shipments, returns, tickets, traffic and marketing share one stream,
``g.rng("month", k)``, in that order.
"""

from __future__ import annotations

import zlib

import numpy as np


def random_stream(seed: int, name: str, *extra: int) -> np.random.Generator:
    """A random stream for one purpose, independent of every other stream.

    Args:
        seed: the sample's seed.
        name: the purpose (``"master"``, ``"days"`` …).
        extra: further keys, e.g. the month's index and the platform.
    Returns:
        A generator seeded with (seed, crc32 of the name, *extra).
    """
    return np.random.default_rng([seed, zlib.crc32(name.encode()), *extra])


def draw_categorical(rng: np.random.Generator, probs: np.ndarray, n: int) -> np.ndarray:
    """``n`` draws from one categorical distribution.

    Args:
        rng: the stream to draw from.
        probs: the weights of the k categories (they need not sum to 1).
        n: the number of draws.
    Returns:
        ``n`` category indexes in ``0 … k-1``.
    """
    cdf = np.cumsum(probs / probs.sum())
    return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(probs) - 1)


def draw_categorical_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """One draw per row of an (n, k) matrix of weights, each row its own distribution.

    Args:
        rng: the stream to draw from.
        probs: (n, k) weights; each row is normalised.
        rows: if given, the draws are for the rows ``probs[rows]`` (a few distinct
            distributions for many draws, without the (n, k) matrix).
    Returns:
        ``n`` (or ``len(rows)``) category indexes in ``0 … k-1``.
    """
    n = len(probs) if rows is None else len(rows)
    u = rng.random(n)
    out = np.empty(n, dtype=np.int64)
    for a in range(0, n, _ROWS_AT_ONCE):  # the same values as all rows at once, in less memory
        p = probs[a:a + _ROWS_AT_ONCE] if rows is None else probs[rows[a:a + _ROWS_AT_ONCE]]
        cdf = np.cumsum(p, axis=1)
        cdf /= cdf[:, -1:]
        out[a:a + _ROWS_AT_ONCE] = np.minimum((u[a:a + _ROWS_AT_ONCE, None] >= cdf).sum(axis=1), probs.shape[1] - 1)
    return out


#: Rows of weights turned into cumulative distributions at a time.
_ROWS_AT_ONCE = 65_536


def first_of_runs(keys: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal keys (keys sorted).

    Example: ``first_of_runs(np.array([3, 3, 5, 7, 7]))`` → ``[True, False, True, True, False]``.
    """
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return first


def scramble_ids(idx: np.ndarray, salt: int) -> np.ndarray:
    """A bijective 32-bit scramble of customer indexes (written as 8 hex digits by the caller).

    Args:
        idx: customer indexes (≥ 0).
        salt: added before the modulus, so two salts give two unrelated id spaces.
    Returns:
        ``uint64`` values below 2³², distinct for distinct indexes below 2³².
    """
    x = (np.asarray(idx, dtype=np.uint64) * np.uint64(0x9E3779B1) + np.uint64(salt)) & np.uint64(0xFFFFFFFF)
    return x
