import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

REGENERATE = "run ./bin/i18n to regenerate i18n/hr_performance.pot and merge it into the .po files"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """The template holds every term of the code and data, and French translates all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = os.path.join(get_module_path("hr_performance"), "i18n")
        cls.pot = polib.pofile(os.path.join(folder, "hr_performance.pot"))
        cls.french = polib.pofile(os.path.join(folder, "fr.po"))

    def _exported_terms(self):
        """The terms Odoo's exporter finds for the addon now (code, views, data, fields)."""
        reader = TranslationModuleReader(self.env.cr, modules=["hr_performance"])
        return {
            source
            for module, *_middle, source, _value, _comments in reader
            if module == "hr_performance"
        }

    def test_template_is_current(self):
        exported = self._exported_terms()
        in_template = {entry.msgid for entry in self.pot}
        missing = sorted(exported - in_template)
        stale = sorted(in_template - exported)
        self.assertFalse(
            missing, f"terms missing from the template ({REGENERATE}): {missing[:20]}"
        )
        self.assertFalse(
            stale, f"terms no longer in the code ({REGENERATE}): {stale[:20]}"
        )

    def test_french_translates_every_term(self):
        translated = {entry.msgid for entry in self.french.translated_entries()}
        untranslated = sorted({entry.msgid for entry in self.pot} - translated)
        self.assertFalse(
            untranslated,
            f"fr.po leaves {len(untranslated)} terms untranslated: {untranslated[:20]}",
        )
        self.assertFalse(
            [entry.msgid for entry in self.french if "fuzzy" in entry.flags],
            "fr.po has fuzzy entries: check and unmark them",
        )

    def test_french_placeholders_match(self):
        """A translation keeps the placeholders of its source, or the message crashes in French."""
        for entry in self.french.translated_entries():
            for marker in ("%s", "%d", "%(", "{"):
                with self.subTest(msgid=entry.msgid):
                    self.assertEqual(
                        entry.msgid.count(marker),
                        entry.msgstr.count(marker),
                        f"placeholders differ: {entry.msgstr}",
                    )

    def test_demo_switches_to_french(self):
        """Loading French shows the app's menus and messages in French."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_performance"], ["fr_FR"], overwrite=True
        )
        menu = self.env.ref("hr_performance.menu_performance_goals_my").with_context(
            lang="fr_FR"
        )
        self.assertEqual(menu.name, "Mes objectifs")
        goals = self.env["hr.performance.goal"].with_context(lang="fr_FR")
        labels = dict(goals.fields_get(["state"])["state"]["selection"])
        key, source = goals._fields["state"].selection[0]
        self.assertEqual(labels[key], self.french.find(source).msgstr)
        self.assertNotEqual(labels[key], source)
