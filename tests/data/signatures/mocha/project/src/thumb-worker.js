// Child process: reads one job from stdin, prints the thumbnail geometry.
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const job = JSON.parse(input);
  const { width, height } = job.image;
  const scale = Math.min(1, job.maxEdge / Math.max(width, height));
  const exif = job.image.exif;
  // portrait photos from phones carry the rotation in EXIF
  const rotated = exif.orientation >= 5;
  const w = Math.round((rotated ? height : width) * scale);
  const h = Math.round((rotated ? width : height) * scale);
  process.stdout.write(JSON.stringify({ id: job.id, width: w, height: h }));
});
