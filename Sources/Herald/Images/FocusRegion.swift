/// Where a share crop that keeps an `image_focus` lies in the image: the
/// largest region of the crop's shape that fits, moved so that the focus is
/// as near its centre as the image's edges allow.
struct FocusRegion: Equatable {
    var left: Int
    var top: Int
    var width: Int
    var height: Int

    init(left: Int, top: Int, width: Int, height: Int) {
        (self.left, self.top, self.width, self.height) = (left, top, width, height)
    }

    init(imageWidth: Int, imageHeight: Int, across: Int, down: Int, focus: ImageFocus) {
        // As wide as the image unless that would be taller than it.
        if imageWidth * down <= imageHeight * across {
            width = imageWidth
            height = max(1, min(imageHeight, imageWidth * down / across))
        } else {
            height = imageHeight
            width = max(1, min(imageWidth, imageHeight * across / down))
        }
        let centreX = imageWidth * focus.x / ImageFocus.scale
        let centreY = imageHeight * focus.y / ImageFocus.scale
        left = min(max(0, centreX - width / 2), imageWidth - width)
        top = min(max(0, centreY - height / 2), imageHeight - height)
    }
}
