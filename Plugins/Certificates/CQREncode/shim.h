// libqrencode for the verification QR code printed on certificates (drawn as vector rectangles).
#include <qrencode.h>
