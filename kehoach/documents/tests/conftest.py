"""Fixtures of the registry tests: plan texts written for the two-branch world."""

from __future__ import annotations

import pytest

PLAN_A = """ĐẢNG CỘNG SẢN VIỆT NAM
THÀNH ỦY NHÁNH A
*
Số 121-KH/ThUA
Nhánh A, ngày 16 tháng 6 năm 2024

KẾ HOẠCH
thực hiện Chỉ thị số 27-CT/TW về thực hành tiết kiệm, chống lãng phí

Thực hiện Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác thực hành tiết kiệm, chống lãng phí; Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền sâu rộng trên báo chí và mạng xã hội về thực hành tiết kiệm.

II. TỔ CHỨC THỰC HIỆN
Ban Tuyên giáo Thành ủy chủ trì, phối hợp với các chi bộ triển khai kế hoạch này.
"""

DIRECTIVE_27 = """ĐẢNG CỘNG SẢN VIỆT NAM
BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 27-CT/TW
Hà Nội, ngày 25 tháng 12 năm 2023

CHỈ THỊ
của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác thực hành tiết kiệm, chống lãng phí

Thực hành tiết kiệm, chống lãng phí là nhiệm vụ quan trọng của cả hệ thống chính trị.
"""


@pytest.fixture
def plan_a_text() -> str:
    return PLAN_A


@pytest.fixture
def directive_text() -> str:
    return DIRECTIVE_27
