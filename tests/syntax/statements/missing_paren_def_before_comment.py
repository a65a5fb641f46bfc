def error_lead# comment
    pass
