/** A risk's reference within its register, e.g. SCCTD-R04. */
export function formatReference(registerCode: string, refNumber: number): string {
  return `${registerCode}-R${String(refNumber).padStart(2, '0')}`;
}
