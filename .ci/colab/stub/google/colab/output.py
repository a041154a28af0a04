"Stand-in for `google.colab.output`: the widget manager switches do nothing outside Colab's front end"

__all__ = ['enable_custom_widget_manager', 'disable_custom_widget_manager', 'clear']


def enable_custom_widget_manager(): pass


def disable_custom_widget_manager(): pass


def clear(wait=False, output_tags=()): pass
