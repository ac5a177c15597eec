fn main() {
    println!("dockerfile-lsp {}", env!("CARGO_PKG_VERSION"));
}
