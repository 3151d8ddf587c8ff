import math

import pytest

from lib.correlation import MIN_SAMPLE, Correlation, pearson, spearman

XS = [1, 2, 3, 4, 5, 6, 7, 8]


def test_pearson_known_value():
    # Anscombe's first quartet: r = 0.81642 (published value).
    x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
    result = pearson(x, y)
    assert result.n == 11
    assert result.r == pytest.approx(0.81642, abs=1e-5)


def test_perfect_and_inverse_lines():
    assert pearson(XS, [2 * x + 1 for x in XS]).r == pytest.approx(1.0)
    assert pearson(XS, [-3 * x for x in XS]).r == pytest.approx(-1.0)


def test_spearman_is_one_for_any_increasing_curve():
    cubes = [x**3 for x in XS]
    assert spearman(XS, cubes).r == pytest.approx(1.0)
    assert pearson(XS, cubes).r < 1.0


def test_spearman_averages_ties():
    # Ranks of y with ties: 1.5, 1.5, 3, 4.5, 4.5, 6, 7, 8; computed by hand.
    y = [1, 1, 2, 3, 3, 4, 5, 6]
    ranks_x = list(range(1, 9))
    ranks_y = [1.5, 1.5, 3, 4.5, 4.5, 6, 7, 8]
    mx, my = sum(ranks_x) / 8, sum(ranks_y) / 8
    sxy = sum((a - mx) * (b - my) for a, b in zip(ranks_x, ranks_y, strict=True))
    sxx = sum((a - mx) ** 2 for a in ranks_x)
    syy = sum((b - my) ** 2 for b in ranks_y)
    assert spearman(XS, y).r == pytest.approx(sxy / math.sqrt(sxx * syy))


@pytest.mark.parametrize("fn", [pearson, spearman])
def test_constant_series_has_no_figure(fn):
    assert fn(XS, [3] * 8) == Correlation(None, 8, MIN_SAMPLE)
    assert fn([5] * 8, XS).r is None


@pytest.mark.parametrize("fn", [pearson, spearman])
def test_below_the_minimum_no_figure(fn):
    result = fn(XS[:7], XS[:7])
    assert (result.r, result.n, result.enough) == (None, 7, False)
    assert fn(XS[:5], XS[:5], minimum=5).r == pytest.approx(1.0)


@pytest.mark.parametrize("fn", [pearson, spearman])
def test_missing_figures_drop_their_pair(fn):
    x = [*XS, None, 9]
    y = [*XS, 4, None]
    result = fn(x, y)
    assert (result.n, result.r) == (8, pytest.approx(1.0))
    # Seven pairs left: below the minimum.
    assert fn([None, *XS[1:]], XS).r is None


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("fn", [pearson, spearman])
def test_non_finite_refused(fn, bad):
    with pytest.raises(ValueError):
        fn([*XS[:7], bad], XS)
    with pytest.raises(ValueError):
        fn(XS, [bad, *XS[1:]])


def test_text_and_mismatched_lengths_refused():
    with pytest.raises(TypeError):
        pearson(["1", *XS[1:]], XS)
    with pytest.raises(ValueError):
        pearson(XS, XS[:7])


@pytest.mark.parametrize("minimum", [0, 2, 2.5, True, None, "8"])
def test_minimum_must_be_a_whole_number_of_three_or_more(minimum):
    with pytest.raises(ValueError):
        pearson(XS, XS, minimum=minimum)


def test_huge_finite_values_do_not_overflow():
    big = [x * 1e307 for x in XS]
    assert pearson(big, XS).r == pytest.approx(1.0)
    assert pearson([-v for v in big], XS).r == pytest.approx(-1.0)


def test_r_stays_within_bounds():
    x = [0.1 * i for i in range(1, 50)]
    result = pearson(x, [3 * v + 0.3 for v in x], minimum=3)
    assert -1.0 <= result.r <= 1.0
