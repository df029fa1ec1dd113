"""Static files: from the NHS.UK frontend's npm package, only what pages use reaches collectstatic (and the image).

The package's dist/ folder holds about 15 MB (every component's Sass, scripts, source maps and templates); pages
load one stylesheet, one script and the images and icons under assets/.
"""

from fnmatch import fnmatch

from django.contrib.staticfiles.finders import FileSystemFinder

NHSUK_FILES_USED = ("nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "assets/*")


class UsedFilesFinder(FileSystemFinder):
    """STATICFILES_DIRS, except that under the "nhsuk" prefix only NHSUK_FILES_USED are listed for collectstatic.
    Development (runserver) still finds any file, so nothing breaks before a file is added to the list."""

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            prefix = getattr(storage, "prefix", None)
            if prefix == "nhsuk" and not any(fnmatch(path, pattern) for pattern in NHSUK_FILES_USED):
                continue
            yield path, storage
