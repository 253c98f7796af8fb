# CSV export and import (issue 5) add their sources here.
