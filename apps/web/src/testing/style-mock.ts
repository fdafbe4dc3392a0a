// Stylesheet imports resolve here under Jest: jsdom neither loads nor applies CSS.
export {};
