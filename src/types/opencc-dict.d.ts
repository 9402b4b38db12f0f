// opencc-js ships its dictionaries as plain ES modules without declarations: each exports one string.
declare module "opencc-js/dict/*" {
  const dictionary: string;
  export default dictionary;
}
