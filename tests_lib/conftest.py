import pathlib
import sys

# The repository root is the addon; put it on the path so `import lib...` works
# without importing the addon's own __init__ (which needs Odoo).
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
