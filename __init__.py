# Models first: the registry creates tables in the order classes are defined,
# and the SQL views of reports/ (imported by controllers/export.py too) read
# the models' tables.
from . import models, reports, wizards

# isort: split
from . import controllers
from .hooks import uninstall_hook
