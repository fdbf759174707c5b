// Placeholder entry point; replaced by the real argument parser.
console.log('sigmature');
