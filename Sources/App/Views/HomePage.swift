import HTTP

/// The landing page: what the service is and where to go.
enum HomePage {
    static func handler(_ request: Request) throws -> Response {
        Layout.response(title: "Trang chủ", body: """
        <section class="hero">
        <h1>Dịch vụ công một cửa tỉnh Quảng Ngãi</h1>
        <p>Nộp hồ sơ thủ tục hành chính, theo dõi tiến độ giải quyết và đánh giá mức độ hài lòng.</p>
        </section>
        <section>
        <h2>Tra cứu hồ sơ</h2>
        <p><a class="button" href="/tra-cuu">Tra cứu tình trạng hồ sơ</a> bằng mã hồ sơ (trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả) và số căn cước của người nộp.</p>
        </section>
        <section>
        <h2>Cán bộ, công chức</h2>
        <p><a href="/dang-nhap">Đăng nhập</a> để xem danh sách hồ sơ, in phiếu và sổ theo dõi hồ sơ.</p>
        </section>
        <section>
        <h2>Dành cho nhà phát triển</h2>
        <p>Giao diện lập trình (API) công khai: <code>/api/v1</code>. Kiểm tra tình trạng hệ thống: <a href="/healthz">/healthz</a>.</p>
        </section>
        """)
    }
}
