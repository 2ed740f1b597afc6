"""Operations on closed integer intervals given as (start, end) pairs."""


def merge(intervals):
    """Merge overlapping intervals and return them sorted by start."""
    result = []
    for start, end in sorted(intervals):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def total_length(intervals):
    """Return the number of integer points covered by the intervals."""
    return sum(end - start + 1 for start, end in merge(intervals))
