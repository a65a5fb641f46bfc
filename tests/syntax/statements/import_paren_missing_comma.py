from os import (path,
                sep altsep)
