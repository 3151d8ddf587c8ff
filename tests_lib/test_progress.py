import math

import pytest

from lib.progress import clamp, metric_progress, normalize, weighted_average


class TestClamp:
    def test_inside_is_unchanged(self):
        assert clamp(42.5) == 42.5

    @pytest.mark.parametrize(
        ("value", "expected"), [(-3, 0), (100.01, 100), (1e9, 100)]
    )
    def test_outside_is_bounded(self, value, expected):
        assert clamp(value) == expected

    def test_custom_bounds(self):
        assert clamp(7, 1, 5) == 5
        assert clamp(0, 1, 5) == 1

    def test_empty_interval_refused(self):
        with pytest.raises(ValueError):
            clamp(1, 5, 1)


class TestMetricProgress:
    def test_increasing_target(self):
        assert metric_progress(0, 200, 50) == 25.0
        assert metric_progress(100, 200, 150) == 50.0

    def test_decreasing_target(self):
        # Churn from 10 % down to 5 %: reaching 7 % is 60 % of the way.
        assert metric_progress(10, 5, 7) == pytest.approx(60.0)
        assert metric_progress(10, 5, 5) == 100.0

    def test_overshoot_and_regression_are_clamped(self):
        assert metric_progress(0, 10, 25) == 100.0
        assert metric_progress(0, 10, -5) == 0.0
        assert metric_progress(10, 5, 2) == 100.0
        assert metric_progress(10, 5, 12) == 0.0

    def test_negative_ranges(self):
        assert metric_progress(-20, 0, -5) == 75.0

    def test_target_equal_to_start_refused(self):
        with pytest.raises(ValueError):
            metric_progress(3, 3, 3)


class TestWeightedAverage:
    def test_weights_matter(self):
        assert weighted_average([(100, 3), (0, 1)]) == 75.0

    def test_fractional_weights(self):
        assert math.isclose(weighted_average([(50, 0.5), (80, 1.5)]), 72.5)

    def test_empty_is_none(self):
        assert weighted_average([]) is None
        assert weighted_average([(90, 0)]) is None

    def test_zero_weight_ignored(self):
        assert weighted_average([(90, 0), (30, 2)]) == 30.0

    def test_negative_weight_refused(self):
        with pytest.raises(ValueError):
            weighted_average([(10, -1)])

    def test_accepts_generators(self):
        assert weighted_average((v, 1) for v in (10, 20, 30)) == 20.0


class TestNormalize:
    def test_five_level_scale(self):
        assert normalize(1, 1, 5) == 0.0
        assert normalize(3, 1, 5) == 50.0
        assert normalize(5, 1, 5) == 100.0

    def test_out_of_scale_is_clamped(self):
        assert normalize(6, 1, 5) == 100.0

    def test_flat_scale_refused(self):
        with pytest.raises(ValueError):
            normalize(1, 1, 1)
