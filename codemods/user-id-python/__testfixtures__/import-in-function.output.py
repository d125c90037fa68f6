def current_user():
    from personal_agent.config import get_userid

    return get_userid()


def other():
    # USER_ID here is not imported: a builtin lookup that fails at run time, left alone
    return "USER_ID"
