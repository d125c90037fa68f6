def current_user():
    from personal_agent.config import USER_ID

    return USER_ID


def other():
    # USER_ID here is not imported: a builtin lookup that fails at run time, left alone
    return "USER_ID"
