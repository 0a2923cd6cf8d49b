from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.text import fold, given_name, normalize_name, sort_key


def test_fold_strips_diacritics_and_d_stroke():
    assert fold("Nguyễn Thị Đặng") == "nguyen thi dang"
    assert fold("  ĐỖ   Văn  Ánh ") == "do van anh"
    assert fold("Huỳnh Ngọc Ẩn") == "huynh ngoc an"


def test_fold_decomposed_and_composed_forms_agree():
    import unicodedata

    name = "Trương Thị Hằng"
    assert fold(unicodedata.normalize("NFD", name)) == fold(unicodedata.normalize("NFC", name)) == "truong thi hang"


def test_sort_key_puts_given_name_first():
    assert sort_key("Nguyễn Văn An") == "an nguyen van an"
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Ánh"]
    assert sorted(names, key=sort_key) == ["Nguyễn Thị An", "Lê Văn Ánh", "Trần Văn Bình"]
    assert given_name("Phạm Thị Mỹ Duyên") == "Duyên"


def test_normalize_name_capitalises_each_word():
    assert normalize_name("  nguyễn   văn  an ") == "Nguyễn Văn An"


vietnamese_letters = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"))


@given(st.lists(st.text(vietnamese_letters, min_size=1, max_size=8), min_size=1, max_size=4))
def test_fold_is_idempotent_ascii_and_case_insensitive(words):
    text = " ".join(words)
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
    assert fold(text.upper()) == folded
    assert len(folded.split()) == len(words)
