fn main() {
    println!("atalaya: being written");
}
