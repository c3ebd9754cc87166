#version 330 core
// One opaque whole-pixel rectangle (a clear or a background fill of a redrawn part of a retained
// frame), given as a shape: the segment from aP0 to aP1 across its middle, half its height in
// aHalfWidthExtend.x. Unlike shape.vert the quad is not grown, so it covers exactly the rectangle's
// pixels, and fill.frag neither blends nor discards: llvmpipe fills such a quad as it clears.
layout(location = 0) in vec2 aP0;
layout(location = 1) in vec2 aP1;
layout(location = 2) in vec2 aHalfWidthExtend;
layout(location = 3) in vec4 aColor;

uniform vec2 uViewport; // framebuffer size in pixels

flat out vec4 vColor;

void main()
{
    vec2 corner = vec2((gl_VertexID & 1) == 0 ? aP0.x : aP1.x, (gl_VertexID & 2) == 0 ? aP0.y - aHalfWidthExtend.x : aP0.y + aHalfWidthExtend.x);
    vColor = aColor;
    vec2 ndc = corner / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
