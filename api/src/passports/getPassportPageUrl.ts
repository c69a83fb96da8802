/** The web page of a passport, where its QR code points: `<PUBLIC_WEB_URL>/p/<publicId>`. */
export function getPassportPageUrl(publicWebUrl: string, publicId: string): string {
  return `${publicWebUrl.replace(/\/$/, "")}/p/${publicId}`;
}
