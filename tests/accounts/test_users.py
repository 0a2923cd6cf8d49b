"""How a user is named."""


def test_a_users_full_name_reads_in_vietnamese_order():
    from ansinh.accounts.models import User

    assert User(last_name="Nguyễn Thị Thu", first_name="Trang").get_full_name() == "Nguyễn Thị Thu Trang"
    assert User(first_name="Trang").get_full_name() == "Trang"
