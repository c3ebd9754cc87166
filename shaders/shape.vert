#version 330 core
// One thick segment from aP0 to aP1 (pixels, origin top-left, y down), drawn as a quad: its four
// vertices carry the same attributes and gl_VertexID & 3 picks the corner. The quad is grown by
// half a pixel on every side, as far as the fragment shader's one-pixel edge ramp reaches.
layout(location = 0) in vec2 aP0;
layout(location = 1) in vec2 aP1;
layout(location = 2) in vec2 aHalfWidthExtend; // x: half the thickness; y: how far the ends reach past P0/P1
layout(location = 3) in vec4 aColor;

uniform vec2 uViewport; // framebuffer size in pixels

out vec2 vLocal;            // pixel offset from the segment's centre: (along, across)
flat out vec2 vHalfExtent;  // (half length incl. the extension, half width)
flat out vec4 vColor;

void main()
{
    vec2 d = aP1 - aP0;
    float len = length(d);
    vec2 along = len > 1e-5 ? d / len : vec2(1.0, 0.0);
    vec2 across = vec2(-along.y, along.x);
    vec2 halfExtent = vec2(0.5 * len + aHalfWidthExtend.y, aHalfWidthExtend.x);
    vec2 corner = vec2((gl_VertexID & 1) == 0 ? -1.0 : 1.0, (gl_VertexID & 2) == 0 ? -1.0 : 1.0);
    vec2 local = corner * (halfExtent + 0.5);
    vec2 p = 0.5 * (aP0 + aP1) + along * local.x + across * local.y;
    vLocal = local;
    vHalfExtent = halfExtent;
    vColor = aColor;
    vec2 ndc = p / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
