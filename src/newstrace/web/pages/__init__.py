"""One pure function per page: store and parameters in, a :class:`~newstrace.web.pages.common.Page` out."""
