from django.core.management import call_command


def test_the_system_checks_pass_in_development():
    call_command("check", fail_level="WARNING")
