from . import test_rating_scale, test_settings, test_ui
