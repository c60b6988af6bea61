"""Error reports that never show journal text: no POST data and no local variables, even in DEBUG."""

from django.views.debug import SafeExceptionReporterFilter


class JournalSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
